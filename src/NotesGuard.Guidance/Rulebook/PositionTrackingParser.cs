using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace NotesGuard.Guidance.Rulebook;

/// <summary>
/// Remembers where the last successfully read YAML event ended. YamlDotNet reports most syntax errors as
/// <see cref="YamlException"/> with a position, but some (e.g. an unclosed flow list) escape as plain
/// exceptions; this lets those still point the reviewer at a line.
/// </summary>
internal sealed class PositionTrackingParser(IParser inner) : IParser
{
    public Mark LastGoodPosition { get; private set; }

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (inner.Current is { } current)
        {
            LastGoodPosition = current.End;
        }

        return inner.MoveNext();
    }
}
