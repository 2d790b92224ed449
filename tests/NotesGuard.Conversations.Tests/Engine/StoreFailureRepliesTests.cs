using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Testing;
using NotesGuard.Conversations.Dialogs;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Conversations.Hosting;

namespace NotesGuard.Conversations.Tests.Engine;

/// <summary>
/// The catch-all around a turn tells the person to send their answer again and logs what failed by its type and,
/// for a store's own exception, its error code; never the exception's message, which is free text.
/// </summary>
public sealed class StoreFailureRepliesTests
{
    private const string Canary = "Client-Name-Canary-4471";

    public static TheoryData<Exception, string> Failures => new()
    {
        { new InvalidOperationException("Could not apply '" + Canary + "'"), "(InvalidOperationException)" },
        { new SqliteException("database is locked near '" + Canary + "'", 5, 5), "(SqliteException 5/5)" },
        { new Azure.RequestFailedException(503, "The server is busy: " + Canary, "ServerBusy", null), "(RequestFailedException 503 ServerBusy)" },
        { new Azure.RequestFailedException(409, Canary, Canary + " <crafted>", null), "(RequestFailedException 409 -)" },
        { new TimeoutException(Canary, new IOException(Canary)), "(TimeoutException <- IOException)" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task The_person_is_asked_again_and_the_log_names_the_failure_but_never_its_message(Exception failure, string logged)
    {
        var logger = new FakeLogger<StoreFailureReplies>();
        var replies = new StoreFailureReplies(new Throwing(failure), logger);

        var result = await replies.HandleAsync(new Turn("webchat", "c-1", "u-1", "t-1", ConversationScope.Personal, "hello"));

        var reply = Assert.IsType<TextReply>(Assert.Single(result.Replies));
        Assert.Equal(ConversationText.StoreUnavailable, reply.Text);
        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Contains(logged, record.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, record.Message, StringComparison.Ordinal);
        Assert.Null(record.Exception);
    }

    private sealed class Throwing(Exception failure) : ITurnHandler
    {
        public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default) => throw failure;
    }
}
