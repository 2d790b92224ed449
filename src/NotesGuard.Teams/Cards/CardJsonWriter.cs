using System.Buffers;
using System.Text.Json;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Cards;

/// <summary>
/// A Utf8JsonWriter over a buffer kept per thread, so rendering a card allocates the finished JSON and little else.
/// Rendering is synchronous, so one thread never has two cards in progress. Use with <c>using</c>.
/// </summary>
internal sealed class CardJsonWriter : IDisposable
{
    // A practice's own, much longer rulebook could make one card big: such a buffer is not kept.
    private const int MaxKeptBytes = 64 * 1024;

    [ThreadStatic]
    private static CardJsonWriter? t_spare;

    private readonly ArrayBufferWriter<byte> _buffer = new(8 * 1024);

    private CardJsonWriter() => Json = new Utf8JsonWriter(_buffer);

    public Utf8JsonWriter Json { get; }

    public static CardJsonWriter Start()
    {
        var writer = t_spare ?? new CardJsonWriter();
        t_spare = null;
        writer._buffer.ResetWrittenCount();
        writer.Json.Reset(writer._buffer);
        return writer;
    }

    public RawJson ToRawJson()
    {
        Json.Flush();
        return new RawJson(_buffer.WrittenSpan.ToArray());
    }

    public void Dispose()
    {
        if (_buffer.Capacity <= MaxKeptBytes)
        {
            t_spare = this;
        }
    }
}
