using NotesGuard.Bot;

BotApp.Build(args).Run();
