namespace NotesGuard.Conversations.Hosting;

/// <summary>Settings of the "Shutdown" section: how long a stopping instance may take to finish what it accepted.</summary>
public sealed class ShutdownOptions
{
    public const string SectionName = "Shutdown";

    /// <summary>
    /// After SIGTERM, the time allowed for turns in flight to finish and the Slack queue to drain. Work still
    /// queued after it is abandoned (and logged); keep it under the platform's own stop timeout.
    /// </summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromSeconds(25);
}
