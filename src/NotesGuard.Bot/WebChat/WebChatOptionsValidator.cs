using Microsoft.Extensions.Options;

namespace NotesGuard.Bot.WebChat;

internal sealed class WebChatOptionsValidator : IValidateOptions<WebChatOptions>
{
    public ValidateOptionsResult Validate(string? name, WebChatOptions options) =>
        options.MaxRequestBytes is < 1024 or > 1024 * 1024
            ? ValidateOptionsResult.Fail($"{WebChatOptions.SectionName}:MaxRequestBytes must be between 1024 and 1048576 (got {options.MaxRequestBytes}).")
            : ValidateOptionsResult.Success;
}
