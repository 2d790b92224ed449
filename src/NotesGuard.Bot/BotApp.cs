using Microsoft.Extensions.Options;
using NotesGuard.Bot.AdviceApi;
using NotesGuard.Bot.Health;
using NotesGuard.Bot.Hosting;
using NotesGuard.Bot.Letters;
using NotesGuard.Bot.Practice;
using NotesGuard.Bot.WebChat;
using NotesGuard.Conversations;
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

        var services = builder.Services;
        services.AddGuidance(builder.Configuration);
        services.AddConversations(builder.Configuration);
        services.AddPracticeBroadcast(builder.Configuration);
        services.AddNotesGuardHealth();
        services.AddNotesGuardTelemetry(builder.Configuration);
        services.AddGracefulShutdown();
        services.AddOptions<WebChatOptions>().Bind(builder.Configuration.GetSection(WebChatOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WebChatOptions>, WebChatOptionsValidator>();
        services.AddOptions<AdviceApiOptions>().Bind(builder.Configuration.GetSection(AdviceApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdviceApiOptions>, AdviceApiOptionsValidator>();

        services.AddLetters(builder.Configuration);
        services.AddNotesGuardRateLimits(builder.Configuration);
        services.AddTeamsChannel(builder.Configuration);
        services.AddSlackChannel(builder.Configuration);

        var app = builder.Build();
        app.UseNotesGuardRateLimits();
        app.UseGracefulShutdown();
        app.MapNotesGuardHealth();
        app.MapAdviceApi();
        app.MapPracticeBroadcast();
        app.MapWebChat();
        app.MapLetters();
        app.MapTeamsChannel();
        app.MapSlackChannel();
        return app;
    }
}
