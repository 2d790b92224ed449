namespace NotesGuard.Teams.Connector;

/// <summary>The bearer token for calls to the Bot Connector; null when authentication is off (Development).</summary>
public interface IBotTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}
