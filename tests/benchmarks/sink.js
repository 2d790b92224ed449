// The loopback connector sink for tests/benchmarks/run: answers every POST/PUT at once with an id, the way the
// Bot Connector (`{"id":…}`) and the Slack Web API (`{"ok":true,"ts":…}`) do, and counts what it was sent so the
// run can prove the walkthroughs really reached the guidance card.
//
//   node sink.js <port> <clicks-folder>
//   GET /stats → {"posts","puts","typing","questions","reviews","guidance","slack"}; GET /reset zeroes them.
//
// Action.Execute runs: an Adaptive Card with Action.Execute buttons is where the next click comes from, so for each
// such card the sink picks the button the benchmark user would press (the walkthrough's answer, then "Show the
// guidance", then "Start a new case") and writes its value to <clicks-folder>/<conversation number>. The bot sends
// the card before it answers the invoke, so the wrk script reads the file when the answer arrives.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const port = Number(process.argv[2]);
const clicks = process.argv[3];
// The walkthrough the benchmark user gives (rulebook.yaml question ids and choice values): every question asked.
const plan = {
  jurisdiction: 'england-wales', requester: 'police', courtOrder: 'no', clientRole: 'complainant', inWriting: 'yes',
  chiefInspectorAuthorisation: 'yes', consent: 'given', consentPressure: 'no', clientCapacity: 'adult',
  safeguardingConcern: 'no',
};

let stats;
const reset = () => { stats = { posts: 0, puts: 0, typing: 0, questions: 0, reviews: 0, guidance: 0, slack: 0 }; };
reset();
let ids = 0;

function pickClick(body) {
  const values = [...body.matchAll(/"notesguard":"(ng1\|[^"]*)"/g)].map((m) => m[1]);
  const fields = values.map((v) => v.split('|').map(decodeURIComponent));
  const answer = fields.findIndex((f) => f[1] === 'a' && plan[f[4]] === f[5]);
  if (answer >= 0) return values[answer];
  const show = fields.findIndex((f) => f[1] === 'c' && f[4] === 'ShowGuidance');
  if (show >= 0) return values[show];
  const again = fields.findIndex((f) => f[1] === 'c' && f[4] === 'NewCase');
  return again >= 0 ? values[again] : null;
}

function count(method, url, body) {
  if (url.startsWith('/api/')) { stats.slack++; return; }
  if (method === 'PUT') stats.puts++; else stats.posts++;
  if (body.includes('"type":"typing"')) { stats.typing++; return; }
  if (body.includes('"ng-donow"')) stats.guidance++;
  else if (body.includes('ShowGuidance')) stats.reviews++;
  else if (body.includes('"ng1|a|')) stats.questions++;
  if (clicks && body.includes('Action.Execute')) {
    const conversation = /\/conversations\/[^/]*?bench-(\d+)/.exec(url);
    const click = conversation && pickClick(body);
    if (click) fs.writeFileSync(path.join(clicks, conversation[1]), click);
  }
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET') {
    if (req.url === '/reset') reset();
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(stats));
    return;
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    try { count(req.method, req.url, body); } catch (err) { console.error('sink:', err.message); }
    const n = ++ids;
    res.writeHead(req.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' })
      .end(`{"ok":true,"id":"${n}","ts":"1700000000.${String(n).padStart(6, '0')}","channel":"D0BENCH","view":{"id":"V${n}"}}`);
  });
});
server.keepAliveTimeout = 120000;
server.listen(port, '127.0.0.1');
