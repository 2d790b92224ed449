using NotesGuard.Slack;
using NotesGuard.Teams;

namespace NotesGuard.Bot;

/// <summary>
/// Builds the NotesGuard web application. Program.cs runs it; integration tests build it with their own
/// configuration and run it on Kestrel on a free loopback port.
/// </summary>
public static class BotApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddSlackChannel(builder.Configuration);

        var app = builder.Build();
        app.MapTeamsChannel();
        app.MapSlackChannel();
        return app;
    }
}
