using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.State;

/// <summary>
/// Before record kinds, every record lived in the walkthrough table with an id joined as "channel|conversation|user",
/// and references and installs used pseudo channels. The SQL stores move those rows once into the walkthrough kind
/// under unambiguous keys (the Blob store's names were already unambiguous and stay); Slack installs are then
/// moved to their own kind the first time they are read (<c>SlackInstallStore</c>). Old Teams references are
/// dropped: each is saved again the next time its conversation speaks to the bot.
/// </summary>
public static class LegacyRecords
{
    /// <summary>The pseudo channel old Teams references used.</summary>
    public const string TeamsReferenceChannel = "msteams-ref";

    /// <summary>The pseudo channel and user old Slack installs used: ("slack-install", team id, "bot").</summary>
    public static StateKey SlackInstallKey(string teamId) => new("slack-install", teamId, "bot");

    /// <summary>
    /// The old joined id split back into its parts: the channel and user columns were stored beside it, so the
    /// conversation is what lies between them, whatever it contains.
    /// </summary>
    public static StateKey? Parse(string id, string channel, string user) =>
        id.Length >= channel.Length + user.Length + 2 &&
        id.StartsWith(channel + "|", StringComparison.Ordinal) &&
        id.EndsWith("|" + user, StringComparison.Ordinal)
            ? new StateKey(channel, id[(channel.Length + 1)..^(user.Length + 1)], user)
            : null;
}
