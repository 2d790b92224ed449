using System.Reflection;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Bot.Hosting;

/// <summary>
/// Runs the app so that a start-up mistake an operator can fix (a bad setting, a broken rulebook, a port in
/// use) ends with one line on stderr naming what to fix and exit code 1 — not an unhandled exception, a stack
/// trace and an abort signal. Anything else is a bug and still surfaces with its stack trace.
/// </summary>
public static class StartupFailure
{
    public const int ExitCode = 1;

    public static int Run(Func<WebApplication> build, TextWriter? error = null)
    {
        error ??= Console.Error;
        WebApplication app;
        try
        {
            app = build();

            // Check the options and the rulebook before the host starts: the host would log a failed start
            // with a stack trace. Port conflicts still show up there, besides the line below.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.Services.GetService<IAdvisor>();
            app.Start();
        }
        catch (Exception ex) when (Describe(ex) is { } message)
        {
            error.WriteLine($"NotesGuard did not start: {message}");
            return ExitCode;
        }

        using (app)
        {
            app.WaitForShutdown();
        }

        return 0;
    }

    /// <summary>One line for an operator, or null when the exception is not an operator's to fix.</summary>
    public static string? Describe(Exception exception)
    {
        var message = exception switch
        {
            OptionsValidationException invalid => string.Join(" ", invalid.Failures),
            AggregateException aggregate when aggregate.InnerExceptions.All(e => Describe(e) is not null) =>
                string.Join(" ", aggregate.InnerExceptions.Select(Describe)),
            PracticeSettingsException or RulebookValidationException => exception.Message,

            // "Failed to convert configuration value at 'Storage:TimeToLive' to type 'System.TimeSpan'."
            InvalidOperationException when IsFromConfigurationBinder(exception) => exception.Message,
            IOException { InnerException: AddressInUseException } => exception.Message,
            _ => null,
        };
        return message is null ? null : OneLine(message);
    }

    private static bool IsFromConfigurationBinder(Exception exception) =>
        exception.TargetSite?.DeclaringType is { } type
        && type.Assembly == typeof(ConfigurationBinder).GetTypeInfo().Assembly;

    private static string OneLine(string text) =>
        string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
