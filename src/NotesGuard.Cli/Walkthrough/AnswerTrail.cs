using NotesGuard.Guidance;

namespace NotesGuard.Cli.Walkthrough;

/// <summary>The answers given so far, in the order given, so "back" undoes the last one.</summary>
internal sealed class AnswerTrail
{
    private readonly Stack<(string Key, AnswerSet Before)> _history = new();

    public AnswerSet Answers { get; private set; } = AnswerSet.Empty;

    public bool CanGoBack => _history.Count > 0;

    public void Answer(string key, string value)
    {
        _history.Push((key, Answers));
        Answers = Answers.With(key, value);
    }

    public void Back()
    {
        if (_history.TryPop(out var last))
        {
            Answers = last.Before;
        }
    }

    public void Restart()
    {
        _history.Clear();
        Answers = AnswerSet.Empty;
    }
}
