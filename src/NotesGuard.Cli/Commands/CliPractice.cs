using Microsoft.Extensions.Configuration;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Cli.Commands;

/// <summary>
/// Reads practice settings as the bot host does (a JSON file's "Practice" section, then Practice__* environment
/// variables) and creates the advisor, reporting bad settings or an invalid rulebook on stderr.
/// </summary>
internal static class CliPractice
{
    public static PracticeSettings? ReadSettings(FileInfo? file, TextWriter error)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!file.Exists)
            {
                error.WriteLine($"notesguard: settings file '{file.FullName}' does not exist");
                return null;
            }

            builder.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
        }

        builder.AddEnvironmentVariables();
        var settings = new PracticeSettings();
        try
        {
            builder.Build().GetSection(PracticeSettings.SectionName).Bind(settings);
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or InvalidOperationException)
        {
            error.WriteLine($"notesguard: cannot read practice settings: {ex.Message}");
            return null;
        }

        return settings;
    }

    /// <summary>The advisor for these settings, or null after writing every problem to <paramref name="error"/>.</summary>
    public static Advisor? CreateAdvisor(FileInfo? settingsFile, TextWriter error)
    {
        return ReadSettings(settingsFile, error) is { } settings ? CreateAdvisor(settings, error) : null;
    }

    /// <summary>The advisor for settings already read, or null after writing every problem to <paramref name="error"/>.</summary>
    public static Advisor? CreateAdvisor(PracticeSettings settings, TextWriter error)
    {
        try
        {
            return Advisor.Create(settings);
        }
        catch (PracticeSettingsException ex)
        {
            foreach (var problem in ex.Problems)
            {
                error.WriteLine($"notesguard: {problem}");
            }
        }
        catch (RulebookValidationException ex)
        {
            error.WriteLine($"notesguard: the practice rulebook is invalid ({ex.Errors.Count} error(s)):");
            foreach (var problem in ex.Errors)
            {
                error.WriteLine(problem);
            }
        }

        return null;
    }
}
