namespace NotesGuard.Bot.Hosting;

/// <summary>The body of every 4xx answer: one line that says what was wrong.</summary>
public sealed record ErrorResponse(string Error);
