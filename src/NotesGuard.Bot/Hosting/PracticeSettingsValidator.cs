using Microsoft.Extensions.Options;
using NotesGuard.Guidance;

namespace NotesGuard.Bot.Hosting;

/// <summary>The guidance library's own checks of the "Practice" section, each naming its key.</summary>
internal sealed class PracticeSettingsValidator : IValidateOptions<PracticeSettings>
{
    public ValidateOptionsResult Validate(string? name, PracticeSettings options)
    {
        var problems = PracticeSettingsValidation.Problems(options);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
