using System.Globalization;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Teams.Connector;

namespace NotesGuard.Teams.References;

/// <summary>
/// Practice posts in Teams: a new post in a channel, a message in a group chat, through the stored conversation
/// reference (so only where NotesGuard was installed, at the allow-listed service URL it came from). The connector
/// client's retries (429 and 5xx with Retry-After) apply as for every reply. Shared cases also ask the connector
/// whether the sharer is a member, and can be deleted again.
/// </summary>
internal sealed class TeamsPracticeChannel(ConversationReferenceStore references, TeamsProactiveMessenger messenger, BotConnectorClient connector, Inbound.TeamsTenants tenants)
    : IPracticeChannel, IPracticeShareChannel
{
    public string ChannelId => PracticeTarget.Teams;

    public async Task<PracticePostResult> PostAsync(PracticeTarget target, TextReply card, CancellationToken cancellationToken)
    {
        var posted = await PostAsync(target, (Reply)card, cancellationToken);
        return posted.Error is null ? PracticePostResult.Ok(target) : PracticePostResult.Failed(target, posted.Error);
    }

    public async Task<SharePost> PostAsync(PracticeTarget target, Reply card, CancellationToken cancellationToken)
    {
        if (await references.FindAsync(target.ConversationId, cancellationToken) is not { } reference)
        {
            return new SharePost(null, "no_reference: NotesGuard has no stored address for it");
        }

        if (!tenants.IsServed(reference.TenantId, out _))
        {
            // Listed before Teams:AllowedTenantIds was enforced (or before it changed): another organisation's chat.
            return new SharePost(null, "tenant_not_served: the conversation belongs to a tenant not on Teams:AllowedTenantIds");
        }

        try
        {
            // A 2xx is a post, whether or not the connector's answer names the new activity.
            return new SharePost(await messenger.SendAsync(target.ConversationId, card, cancellationToken) ?? "", null);
        }
        catch (ConnectorException ex)
        {
            return new SharePost(null, "teams_" + Status(ex));
        }
    }

    public async Task<bool> IsMemberAsync(PracticeTarget target, Turn sharer, CancellationToken cancellationToken)
    {
        if (sharer.PrincipalId is null || string.IsNullOrEmpty(sharer.UserId)
            || await references.FindAsync(target.ConversationId, cancellationToken) is not { } reference
            || !tenants.IsServed(reference.TenantId, out _))
        {
            return false;
        }

        // Asked by the person's Teams user id (the activity's from.id, as botbuilder's TeamsInfo.GetMemberAsync asks):
        // it comes from the same authenticated activity as their Entra object id, Teams answers for either, and the
        // Agents Playground answers only for this one (it says 404 for an object id). For a channel, Teams answers
        // for the team the channel belongs to.
        return await connector.IsMemberAsync(
            reference.ServiceUrl, Inbound.TeamsConversation.WithoutThread(reference.ConversationId), sharer.UserId, cancellationToken);
    }

    public async Task<string?> DeleteAsync(PracticeTarget target, string messageId, CancellationToken cancellationToken)
    {
        if (await references.FindAsync(target.ConversationId, cancellationToken) is not { } reference)
        {
            return "no_reference";
        }

        try
        {
            await connector.DeleteAsync(reference.ServiceUrl, Inbound.TeamsConversation.WithoutThread(reference.ConversationId), messageId, cancellationToken);
            return null;
        }
        catch (ConnectorException ex) when (ex.StatusCode is System.Net.HttpStatusCode.NotFound)
        {
            return null; // already gone: someone in the group (or an admin) deleted it
        }
        catch (ConnectorException ex)
        {
            return "teams_" + Status(ex);
        }
    }

    private static string Status(ConnectorException ex) =>
        ex.StatusCode is { } code ? ((int)code).ToString(CultureInfo.InvariantCulture) + " " + code : "no answer";
}
