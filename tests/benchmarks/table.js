// The closing table of tests/benchmarks/run, and its copy in docs/benchmarks.md.
//
//   node table.js <out.md>  < key=value lines (run's results)
//   node table.js --docs <docs/benchmarks.md> <out.md> <machine> <date> <seconds per run>
// Targets are issue 15's; each number is shown against its target as met or missed, never asserted.
'use strict';
const fs = require('node:fs');

const start = '<!-- benchmark results: written by tests/benchmarks/run --write-docs -->';
const end = '<!-- end of benchmark results -->';

if (process.argv[2] === '--docs') {
  const [docs, table, machine, date, seconds] = process.argv.slice(3);
  const text = fs.readFileSync(docs, 'utf8');
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) {
    console.error(`table.js: ${docs} lacks the markers around the results`);
    process.exit(1);
  }
  const block = `${start}\nMeasured ${date} on ${machine}; ${seconds} s per load run.\n\n${fs.readFileSync(table, 'utf8').trim()}\n${end}`;
  fs.writeFileSync(docs, text.slice(0, from) + block + text.slice(to + end.length));
  process.exit(0);
}

const r = {};
for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
  const eq = line.indexOf('=');
  if (eq > 0) r[line.slice(0, eq)] = line.slice(eq + 1);
}
const num = (key) => (r[key] === undefined || r[key] === '' ? undefined : Number(r[key]));
const fmt = (v, digits = 0) => (v === undefined || Number.isNaN(v) ? '—' : v.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ms = (v) => (v === undefined ? '—' : `${fmt(v, v < 10 ? 2 : 1)} ms`);
const ratio = (a, b) => (a === undefined || b === undefined || b === 0 ? undefined : a / b);
const us = (v) => (v === undefined ? '—' : `${fmt(v)} µs`);
const verdict = (ok) => (ok === undefined ? 'not run' : ok ? '**met**' : 'missed');

const rows = [
  ['bare Kestrel (ceiling)', 'ceiling'],
  ['botbuilder-js waterfall (peer)', 'peer'],
  ['NotesGuard, SQLite', 'notesguard'],
  [`NotesGuard as of ${r['before.commit'] || 'before'}, SQLite`, 'before'],
  ['NotesGuard, in-memory store', 'inmemory'],
  ['NotesGuard, Action.Execute clicks', 'execute'],
  ['NotesGuard, Slack events (the ack)', 'slack'],
];
const lines = [];
lines.push('| target | turns/s @8 | p50 @8 | p99 @8 | turns/s @64 | p50 @64 | p99 @64 | connector calls per turn | CPU per turn @8 |');
lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const [label, key] of rows) {
  if (num(`${key}.8.rps`) === undefined && num(`${key}.64.rps`) === undefined) continue;
  const calls = ratio(num(`${key}.8.calls`), num(`${key}.8.requests`));
  lines.push(`| ${label} | ${fmt(num(`${key}.8.rps`))} | ${ms(num(`${key}.8.p50`))} | ${ms(num(`${key}.8.p99`))} | ` +
    `${fmt(num(`${key}.64.rps`))} | ${ms(num(`${key}.64.p50`))} | ${ms(num(`${key}.64.p99`))} | ` +
    // Slack's replies are worked off after the ack, so they are not per acknowledged request.
    `${key === 'ceiling' || key === 'slack' ? '—' : fmt(calls, 2)} | ` +
    // Slack's turns are worked off after the ack, so its CPU is not all inside the run.
    `${key === 'slack' ? '—' : us(num(`${key}.8.cpu`))} |`);
}

const ngPeer8 = ratio(num('notesguard.8.rps'), num('peer.8.rps'));
const ngPeer64 = ratio(num('notesguard.64.rps'), num('peer.64.rps'));
const ngCeil8 = ratio(num('notesguard.8.rps'), num('ceiling.8.rps'));
const ngCeil64 = ratio(num('notesguard.64.rps'), num('ceiling.64.rps'));
const memCeil8 = ratio(num('inmemory.8.rps'), num('ceiling.8.rps'));
const memCeil64 = ratio(num('inmemory.64.rps'), num('ceiling.64.rps'));
const x = (v) => (v === undefined ? '—' : `${fmt(v, 2)}×`);
const p99 = num('notesguard.8.p99');
const store = num('idle.store');
const rss = num('idle.rss');
const heap = num('idle.heap');
const cold = num('coldstart');
const slack = num('slack.64.p99');
const alloc = num('alloc');

lines.push('');
lines.push('| issue 15 target | measured | |');
lines.push('| --- | --- | --- |');
lines.push(`| NotesGuard ≥ 4× the peer's turns/s with SQLite, @8 (standing goal 10×) | ${x(ngPeer8)} (@64: ${x(ngPeer64)}) | ${verdict(ngPeer8 === undefined ? undefined : ngPeer8 >= 4)} |`);
const cheaper = ratio(num('before.8.cpu'), num('notesguard.8.cpu'));
const cheaper64 = ratio(num('before.64.cpu'), num('notesguard.64.cpu'));
lines.push(`| a Teams turn ≥ 3× cheaper: CPU per turn as of ${r['before.commit'] || '(run with --before COMMIT)'} / now, SQLite @8 | ` +
  `${cheaper === undefined ? '—' : `${x(cheaper)} (${us(num('before.8.cpu'))} → ${us(num('notesguard.8.cpu'))}; @64: ${x(cheaper64)})`} | ${verdict(cheaper === undefined ? undefined : cheaper >= 3)} |`);
const peerCpu = ratio(num('peer.8.cpu'), num('notesguard.8.cpu'));
lines.push(`| CPU per turn, the peer's / NotesGuard's, SQLite @8 (no target) | ${x(peerCpu)} | |`);
lines.push(`| NotesGuard / ceiling, SQLite (no target) | ${x(ngCeil8)} @8, ${x(ngCeil64)} @64 | |`);
lines.push(`| p99 ≤ 20 ms at 8 connections (SQLite) | ${ms(p99)} | ${verdict(p99 === undefined ? undefined : p99 <= 20)} |`);
lines.push(`| in-memory store ≥ 1/5 of the ceiling, @8 | ${x(memCeil8)} (@64: ${x(memCeil64)}) | ${verdict(memCeil8 === undefined ? undefined : memCeil8 >= 0.2)} |`);
const bytes = (v) => (v === undefined ? '—' : `${fmt(v)} B`);
lines.push(`| ≤ 2 KB per stored idle conversation (store; live managed heap) | store ${bytes(store)}, heap ${bytes(heap)} (working set ${bytes(rss)}) | ${verdict(store === undefined ? undefined : store <= 2048 && heap <= 2048)} |`);
lines.push(`| cold start < 1 s (process start → first answered turn) | ${ms(cold)} | ${verdict(cold === undefined ? undefined : cold < 1000)} |`);
lines.push(`| Slack ack p99 < 50 ms at saturation (@64) | ${ms(slack)} | ${verdict(slack === undefined ? undefined : slack < 50)} |`);
const kb = (v) => (v === undefined ? '—' : `${fmt(v / 1024, 1)} KB`);
const allocBefore = num('before.alloc');
lines.push(`| allocations per turn (SQLite @8, dotnet-counters; no target) | ${kb(alloc)}` +
  `${allocBefore === undefined ? '' : ` (as of ${r['before.commit']}: ${kb(allocBefore)})`} | |`);

fs.writeFileSync(process.argv[2], lines.join('\n') + '\n');
