using Microsoft.Extensions.Options;

namespace NotesGuard.Bot.AdviceApi;

internal sealed class AdviceApiOptionsValidator : IValidateOptions<AdviceApiOptions>
{
    public ValidateOptionsResult Validate(string? name, AdviceApiOptions options) =>
        options.MaxRequestBytes is < 256 or > 1024 * 1024
            ? ValidateOptionsResult.Fail($"{AdviceApiOptions.SectionName}:MaxRequestBytes must be between 256 and 1048576 (got {options.MaxRequestBytes}).")
            : ValidateOptionsResult.Success;
}
