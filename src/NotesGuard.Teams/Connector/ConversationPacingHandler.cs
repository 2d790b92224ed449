namespace NotesGuard.Teams.Connector;

/// <summary>
/// Waits for the conversation's turn before every attempt, retries included (it sits inside the retry handler),
/// so a retry storm cannot push one conversation over Teams' throttle.
/// </summary>
internal sealed class ConversationPacingHandler(ConversationPacer pacer) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Options.TryGetValue(ConnectorRequestOptions.PacingKey, out var value) ? value : "unkeyed";
        await pacer.WaitTurnAsync(key, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }
}
