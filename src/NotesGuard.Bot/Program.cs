using NotesGuard.Bot;
using NotesGuard.Bot.Hosting;

return StartupFailure.Run(() => BotApp.Build(args));
