namespace NotesGuard.Guidance.Rulebook;

/// <summary>A rulebook that failed validation; <see cref="Errors"/> holds every problem found, not just the first.</summary>
public sealed class RulebookValidationException : Exception
{
    public RulebookValidationException(IReadOnlyList<RulebookError> errors)
        : base(FormatMessage(errors)) => Errors = errors;

    public IReadOnlyList<RulebookError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<RulebookError> errors) =>
        $"the rulebook has {errors.Count} error(s):{Environment.NewLine}" +
        string.Join(Environment.NewLine, errors.Select(e => e.ToString()));
}
