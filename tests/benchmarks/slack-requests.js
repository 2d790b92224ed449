// Writes signed Slack Events API requests for the wrk script (turns.lua, mode slack), one a line:
// timestamp <TAB> X-Slack-Signature <TAB> body. wrk's Lua has no HMAC, so the requests are signed here, just before
// each run, with a current timestamp (Slack's five-minute window is far longer than a run). Each event has its
// own event_id (a repeated one would be acknowledged as a duplicate, which is cheaper than a new event) and the
// texts walk 256 direct-message conversations through the walkthrough ("hi", ten answers, "yes", "new case"…).
//
//   node slack-requests.js <signing secret> <count> <out file>
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const [secret, countArg, out] = process.argv.slice(2);
const count = Number(countArg);
const script = ['new case', 'england', 'police', 'no', 'victim', 'yes', 'yes', 'yes', 'no', 'yes', 'no', 'yes'];
const ts = String(Math.floor(Date.now() / 1000));
const run = crypto.randomBytes(4).toString('hex');
const lines = [];
for (let i = 0; i < count; i++) {
  const conversation = i % 256;
  const turn = Math.floor(i / 256);
  const messageTs = `${1700000000 + turn}.${String(conversation).padStart(6, '0')}`;
  const body = JSON.stringify({
    token: 'legacy', team_id: 'T0BENCH', api_app_id: 'A0NOTESGUARD', type: 'event_callback',
    event_id: `Ev${run}${i}`, event_time: Number(ts),
    authorizations: [{ team_id: 'T0BENCH', user_id: 'U0NOTESGUARD', is_bot: true }],
    event: {
      type: 'message', channel_type: 'im', channel: `D0BENCH${conversation}`, user: `U0BENCH${conversation}`,
      text: turn === 0 ? 'hi' : script[turn % script.length], ts: messageTs, event_ts: messageTs,
    },
  });
  const signature = 'v0=' + crypto.createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  lines.push(`${ts}\t${signature}\t${body}`);
}
fs.writeFileSync(out, lines.join('\n') + '\n');
