using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.State;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// One audited practice action: who (hashed unless configured otherwise), when, from where (api, msteams, slack),
/// what (broadcast), which card and rulebook version, and the result per target. Never case answers or text typed:
/// of a custom card only its length.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Who,
    string Via,
    string Action,
    string Card,
    string RulebookVersion,
    string? IdempotencyKey,
    IReadOnlyList<PracticePostResult> Results,
    int? TextLength = null);

/// <summary>
/// The append-only audit trail, as its own kind of record (<see cref="RecordKind.AuditTrail"/>): one record per UTC
/// day, to which entries are only ever added, and which expires <see cref="PracticeOptions.AuditRetention"/> after its
/// day. Reading the last N days is N reads, so no store needs a way to list records.
/// </summary>
public sealed class AuditTrail(IStateStore store, TimeProvider clock, IOptions<PracticeOptions> options)
{
    /// <summary>
    /// A day's record has room for this many of the practice's actions: past it, broadcasts and shares are refused
    /// before anything is posted (<see cref="HasRoomTodayAsync"/>).
    /// </summary>
    internal int MaxEntriesPerDay { get; init; } = 5000;

    /// <summary>
    /// Kept beyond <see cref="MaxEntriesPerDay"/> for what must still be recorded once the day is full: a deletion of a
    /// shared card, and actions that passed the room check at the same moment. Past it, an entry fails loudly.
    /// </summary>
    internal int SpareEntries { get; init; } = 100;

    /// <summary>
    /// Of which refusals (a share to a group the sharer is not in) at most this many: anyone can cause those, and
    /// they must not use up the room the practice's own actions need. Refusals past it are not recorded.
    /// </summary>
    internal int MaxRefusalsPerDay { get; init; } = 1000;

    /// <summary>
    /// Of which shares of a case (and deletions of shared cards) at most this many, and at most
    /// <see cref="MaxSharesPerSharerPerDay"/> by one person:
    /// any therapist can share, and their shares must not use up the room a broadcast needs (nor one person's, the
    /// room of everyone else's shares). A share past either is refused before it is posted.
    /// </summary>
    internal int MaxSharesPerDay { get; init; } = 2000;

    internal int MaxSharesPerSharerPerDay { get; init; } = 50;

    // A deletion of a shared card counts too: a failed one can be pressed again and again.
    private static bool IsShare(AuditEntry entry) => entry.Action is "share" or "unshare" && !IsRefusal(entry);

    /// <summary>An entry anyone can cause: every result refused.</summary>
    internal static bool IsRefusal(AuditEntry entry) =>
        entry.Results.Count > 0 && entry.Results.All(r => !r.Posted && r.Error?.StartsWith("refused", StringComparison.Ordinal) == true);

    /// <summary>
    /// Whether today's record has room for another of the practice's own actions: asked before the action, so a
    /// full day refuses the action rather than carry it out unrecorded.
    /// </summary>
    public async Task<bool> HasRoomTodayAsync(CancellationToken cancellationToken = default) =>
        (await TodayAsync(cancellationToken).ConfigureAwait(false)).Count < MaxEntriesPerDay;

    /// <summary>
    /// <see cref="HasRoomTodayAsync"/> for a share of a case by <paramref name="who"/> (as the entry names them), within
    /// the day's room for shares and theirs.
    /// </summary>
    public async Task<bool> HasRoomTodayForShareAsync(string who, CancellationToken cancellationToken = default)
    {
        var entries = await TodayAsync(cancellationToken).ConfigureAwait(false);
        return entries.Count < MaxEntriesPerDay
            && entries.Count(IsShare) < MaxSharesPerDay
            && entries.Count(e => IsShare(e) && e.Who == who) < MaxSharesPerSharerPerDay;
    }

    /// <summary>Today's (UTC) entries; none when the day has no record yet.</summary>
    private async Task<List<AuditEntry>> TodayAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(RecordKind.AuditTrail, Key(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)), cancellationToken).ConfigureAwait(false);
        return stored is null ? [] : Read(stored.Data);
    }

    public const string SharesFullText = "No more cases can be shared today (UTC): the practice's audit trail keeps room for its broadcasts. Nothing was shared. Try again tomorrow.";

    public const string FullText = "The practice's audit trail is full for today (UTC), so nothing was done: an action it could not record is not carried out. Try again tomorrow.";

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var day = DateOnly.FromDateTime(entry.At.UtcDateTime);
        var key = Key(day);
        var expires = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + options.Value.AuditRetention + TimeSpan.FromDays(1);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var stored = await store.ReadAsync(RecordKind.AuditTrail, key, cancellationToken).ConfigureAwait(false);
            var entries = stored is null ? [] : Read(stored.Data);
            // Refusals are never what fills the day, nor an error for the one refused.
            if (IsRefusal(entry) && (entries.Count >= MaxEntriesPerDay || entries.Count(IsRefusal) >= MaxRefusalsPerDay))
            {
                return;
            }

            if (entries.Count >= MaxEntriesPerDay + SpareEntries)
            {
                throw new InvalidOperationException($"The audit trail of {day:yyyy-MM-dd} is full ({MaxEntriesPerDay + SpareEntries} entries): this action could not be recorded.");
            }

            entries.Add(entry);
            var data = JsonSerializer.SerializeToUtf8Bytes(entries, PracticeJsonContext.Default.ListAuditEntry);
            var timeToLive = expires - clock.GetUtcNow();
            if (timeToLive <= TimeSpan.Zero
                || await store.TryWriteAsync(RecordKind.AuditTrail, key, "", data, stored?.ETag, timeToLive, cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException("The audit trail could not be written after 20 attempts.");
    }

    /// <summary>Entries of the last <paramref name="days"/> days (today included), newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int days, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var all = new List<AuditEntry>();
        for (var i = 0; i < Math.Clamp(days, 1, 3650); i++)
        {
            var stored = await store.ReadAsync(RecordKind.AuditTrail, Key(today.AddDays(-i)), cancellationToken).ConfigureAwait(false);
            if (stored is not null)
            {
                // Appended in order, so the day's newest is last; entries with equal times keep that order.
                all.AddRange(Enumerable.Reverse(Read(stored.Data)));
            }
        }

        return [.. all.OrderByDescending(e => e.At)];
    }

    /// <summary>One line per entry, for the CLI and the admin chat command.</summary>
    public static string Describe(AuditEntry entry)
    {
        var posted = entry.Results.Count(r => r.Posted);
        var failed = entry.Results.Where(r => !r.Posted).Select(r => $"{r.Target} ({r.Error})");
        var result = $"posted to {posted} of {entry.Results.Count}" + (posted < entry.Results.Count ? "; failed: " + string.Join(", ", failed) : "");
        return string.Create(CultureInfo.InvariantCulture,
            $"{entry.At:yyyy-MM-dd HH:mm:ss}Z {entry.Action} '{entry.Card}'{(entry.TextLength is { } length ? $" ({length} characters)" : "")} (rulebook {entry.RulebookVersion}) by {entry.Who} via {entry.Via}: {result}");
    }

    private static StateKey Key(DateOnly day) => new("practice", "audit-" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "");

    private static List<AuditEntry> Read(byte[] data)
    {
        try
        {
            return JsonSerializer.Deserialize(data, PracticeJsonContext.Default.ListAuditEntry) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
