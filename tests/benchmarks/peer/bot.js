// The peer for tests/benchmarks/run: what a new Bot Framework JavaScript bot looks like — botbuilder 4.23
// CloudAdapter with no app id (auth off, as NotesGuard in Development), MemoryStorage, and a three-question
// waterfall (ChoicePrompt, TextPrompt, ChoicePrompt) that replies through the same loopback connector sink.
// Node's own http server stands in for restify/express: the adapter needs a parsed body and status/send/end.
'use strict';
const http = require('node:http');
const {
  CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage,
} = require('botbuilder');
const {
  ChoicePrompt, DialogSet, DialogTurnStatus, ListStyle, TextPrompt, WaterfallDialog,
} = require('botbuilder-dialogs');

const port = Number(process.argv[2] || 3979);
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error('peer: turn failed:', error && error.message);
};

const conversationState = new ConversationState(new MemoryStorage());
const dialogState = conversationState.createProperty('dialogState');
const dialogs = new DialogSet(dialogState);
const choice = new ChoicePrompt('choice');
choice.style = ListStyle.heroCard;
dialogs.add(choice);
dialogs.add(new TextPrompt('text'));
dialogs.add(new WaterfallDialog('walkthrough', [
  (step) => step.prompt('choice', { prompt: 'Who is asking for the notes?', choices: ['Police', 'Prosecutor', 'Family'] }),
  (step) => { step.values.requester = step.result.value; return step.prompt('text', 'What does the request say, in a few words?'); },
  (step) => step.prompt('choice', { prompt: 'Has your client agreed?', choices: ['Yes', 'No', 'Not sure'] }),
  async (step) => {
    await step.context.sendActivity(`Thanks: ${step.values.requester}, ${step.result.value}. Call your insurer's helpline.`);
    return step.endDialog();
  },
]));

async function logic(context) {
  if (context.activity.type === 'message') {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) {
      await dc.beginDialog('walkthrough');
    }
  }
  await conversationState.saveChanges(context, false);
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.writeHead(400).end();
      return;
    }
    const shim = {
      status(code) { res.statusCode = code; return shim; },
      send(body) { if (typeof body === 'object') { res.setHeader('content-type', 'application/json'); body = JSON.stringify(body); } res.write(String(body)); return shim; },
      end() { res.end(); return shim; },
      header(name, value) { res.setHeader(name, value); return shim; },
    };
    adapter.process(req, shim, logic).catch((err) => { console.error('peer:', err); if (!res.headersSent) res.writeHead(500); res.end(); });
  });
});
server.keepAliveTimeout = 120000;
server.listen(port, '127.0.0.1', () => console.log(`peer listening on ${port}`));
