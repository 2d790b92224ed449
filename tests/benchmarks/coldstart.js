// Cold start for tests/benchmarks/run: from spawning the published bot to the answer of its first Teams turn ("hi",
// whose replies the bot sends to the sink before it answers), in ms on stdout. The bot gets the environment this
// script was given (Development, data folder, Urls).
//
//   node coldstart.js <published folder> <port> <sink url>
'use strict';
const { spawn } = require('node:child_process');
const http = require('node:http');

const [folder, port, sink] = process.argv.slice(2);
const body = JSON.stringify({
  type: 'message', id: 'cold-1', channelId: 'msteams', serviceUrl: sink,
  from: { id: '29:cold', aadObjectId: '00000000-0000-0000-0000-00000000c01d', name: 'Bench' },
  recipient: { id: '28:notesguard', name: 'NotesGuard' },
  conversation: { id: 'bench-cold', conversationType: 'personal' }, text: 'hi',
});

const started = process.hrtime.bigint();
const bot = spawn('dotnet', ['NotesGuard.Bot.dll'], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
let exited = false;
bot.on('exit', (code) => { exited = true; if (!finished) { console.error(`coldstart: the bot exited with ${code}`); process.exit(1); } });
let finished = false;

function attempt() {
  const request = http.request({ host: '127.0.0.1', port, path: '/api/messages', method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
    res.resume();
    res.on('end', () => {
      if (res.statusCode !== 200) { console.error(`coldstart: first turn answered ${res.statusCode}`); finish(1); return; }
      console.log(Number(process.hrtime.bigint() - started) / 1e6);
      finish(0);
    });
  });
  // Not listening yet: try again shortly.
  request.on('error', () => { if (!exited) setTimeout(attempt, 5); });
  request.end(body);
}

function finish(code) {
  finished = true;
  bot.kill('SIGTERM');
  setTimeout(() => process.exit(code), 50).unref();
  bot.on('exit', () => process.exit(code));
}

setTimeout(() => { console.error('coldstart: no answer within 30 s'); finish(1); }, 30000).unref();
attempt();
