using System.Text;
using NotesGuard.Conversations.Hosting;

namespace NotesGuard.Conversations.Tests.Limits;

/// <summary>
/// The body reader behind every endpoint: the whole body when it fits, null (413) when it does not, whether the
/// length is declared or not, and whatever sizes the stream hands its bytes over in.
/// </summary>
public sealed class BoundedBodyTests
{
    private static readonly byte[] Activity = Encoding.UTF8.GetBytes("""{"type":"message","text":"police","id":"activity-1"}""");

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(64 * 1024)]
    public async Task A_body_of_its_declared_length_is_read_whole(int piece)
    {
        var body = await BoundedBody.ReadAsync(new Trickle(Activity, piece), Activity.Length, maxBytes: 1024, CancellationToken.None);

        Assert.Equal(Activity, body);
    }

    [Fact]
    public async Task A_body_with_no_declared_length_is_read_whole_across_many_chunks()
    {
        var large = Enumerable.Range(0, 50_000).Select(i => (byte)i).ToArray();

        Assert.Equal(large, await BoundedBody.ReadAsync(new Trickle(large, 3_000), null, maxBytes: 60_000, CancellationToken.None));
        Assert.Empty((await BoundedBody.ReadAsync(new Trickle([], 10), null, maxBytes: 60_000, CancellationToken.None))!);
        Assert.Empty((await BoundedBody.ReadAsync(new Trickle([], 10), 0, maxBytes: 60_000, CancellationToken.None))!);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_declared_or_not()
    {
        Assert.Null(await BoundedBody.ReadAsync(new Trickle(Activity, 5), Activity.Length, maxBytes: Activity.Length - 1, CancellationToken.None));
        Assert.Null(await BoundedBody.ReadAsync(new Trickle(Activity, 5), null, maxBytes: Activity.Length - 1, CancellationToken.None));
        Assert.Equal(Activity, await BoundedBody.ReadAsync(new Trickle(Activity, 5), null, maxBytes: Activity.Length, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_longer_than_it_declared_is_read_on_and_still_held_to_the_limit()
    {
        var declaredShort = await BoundedBody.ReadAsync(new Trickle(Activity, 4), 10, maxBytes: 1024, CancellationToken.None);
        var overLimit = await BoundedBody.ReadAsync(new Trickle(Activity, 4), 10, maxBytes: 20, CancellationToken.None);

        var oneOverTheLimit = await BoundedBody.ReadAsync(new Trickle(Activity, 64), Activity.Length - 1, maxBytes: Activity.Length - 1, CancellationToken.None);

        Assert.Equal(Activity, declaredShort);
        Assert.Null(overLimit);
        Assert.Null(oneOverTheLimit);
    }

    [Fact]
    public async Task A_body_shorter_than_it_declared_gives_what_came()
    {
        Assert.Equal(Activity, await BoundedBody.ReadAsync(new Trickle(Activity, 6), Activity.Length + 100, maxBytes: 1024, CancellationToken.None));
    }

    [Fact]
    public async Task A_large_declared_length_is_not_allocated_before_its_bytes_arrive()
    {
        // A sender that declares a megabyte and sends nothing: what the read holds while it waits must not be the
        // declared megabyte, or a few thousand such connections would fill the memory.
        using var stop = new CancellationTokenSource();
        var silent = new Silent();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var pending = BoundedBody.ReadAsync(silent, 1_000_000, maxBytes: 1024 * 1024, stop.Token);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(pending.IsCompleted);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated before any byte arrived");
        Assert.InRange(silent.LargestBuffer, 1, 16 * 1024);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Theory]
    [InlineData(16 * 1024)] // the largest read straight into an array of its declared size
    [InlineData(16 * 1024 + 1)] // the smallest that grows with its bytes
    [InlineData(100_000)]
    public async Task A_declared_length_either_side_of_a_chunk_is_read_whole_and_held_to_the_limit(int length)
    {
        var body = Enumerable.Range(0, length).Select(i => (byte)(i * 7)).ToArray();

        Assert.Equal(body, await BoundedBody.ReadAsync(new Trickle(body, 3_000), length, maxBytes: length, CancellationToken.None));
        Assert.Equal(body, await BoundedBody.ReadAsync(new Trickle(body, 3_000), length + 10, maxBytes: length + 10, CancellationToken.None));
        Assert.Null(await BoundedBody.ReadAsync(new Trickle(body, 3_000), length - 1, maxBytes: length - 1, CancellationToken.None));
        Assert.Null(await BoundedBody.ReadAsync(new Trickle(body, 3_000), length, maxBytes: length - 1, CancellationToken.None));
    }

    /// <summary>A request body whose bytes never come: every read waits until cancelled.</summary>
    private sealed class Silent : Stream
    {
        /// <summary>The largest buffer a read was asked to fill: what the reader set aside for bytes not yet sent.</summary>
        public int LargestBuffer { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            LargestBuffer = Math.Max(LargestBuffer, buffer.Length);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A request body that hands over at most <paramref name="piece"/> bytes a read, as a slow network would.</summary>
    private sealed class Trickle(byte[] data, int piece) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(piece, buffer.Length), data.Length - _at);
            data.AsSpan(_at, n).CopyTo(buffer);
            _at += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
