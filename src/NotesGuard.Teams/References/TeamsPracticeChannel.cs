using System.Globalization;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Connector;

namespace NotesGuard.Teams.References;

/// <summary>
/// Practice posts in Teams: a new post in a channel, a message in a group chat, through the stored conversation
/// reference (so only where NotesGuard was installed, at the allow-listed service URL it came from). The connector
/// client's retries (429 and 5xx with Retry-After) apply as for every reply.
/// </summary>
internal sealed class TeamsPracticeChannel(ConversationReferenceStore references, TeamsProactiveMessenger messenger) : IPracticeChannel
{
    public string ChannelId => PracticeTarget.Teams;

    public async Task<PracticePostResult> PostAsync(PracticeTarget target, TextReply card, CancellationToken cancellationToken)
    {
        if (await references.FindAsync(target.ConversationId, cancellationToken) is null)
        {
            return PracticePostResult.Failed(target, "no_reference: NotesGuard has no stored address for it");
        }

        try
        {
            // A 2xx is a post, whether or not the connector's answer names the new activity.
            await messenger.SendAsync(target.ConversationId, card, cancellationToken);
            return PracticePostResult.Ok(target);
        }
        catch (ConnectorException ex)
        {
            var status = ex.StatusCode is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) + " " + code : "no answer";
            return PracticePostResult.Failed(target, $"teams_{status}");
        }
    }
}
