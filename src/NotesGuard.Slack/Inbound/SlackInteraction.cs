namespace NotesGuard.Slack.Inbound;

/// <summary>The JSON in an interactivity request's <c>payload</c> form field (block_actions, view_submission…).</summary>
internal sealed record SlackInteraction(
    string? Type,
    SlackUserRef? User,
    SlackTeamRef? Team,
    string? TriggerId,
    string? ResponseUrl,
    SlackContainer? Container,
    SlackChannelRef? Channel,
    SlackMessageRef? Message,
    IReadOnlyList<SlackAction>? Actions,
    SlackViewRef? View);

internal sealed record SlackUserRef(string? Id, string? Name, string? Username, string? TeamId);

internal sealed record SlackTeamRef(string? Id);

internal sealed record SlackChannelRef(string? Id);

/// <summary>Where the click happened: a message (its ts, channel, thread) or a view.</summary>
internal sealed record SlackContainer(string? Type, string? MessageTs, string? ChannelId, bool? IsEphemeral, string? ThreadTs, string? ViewId);

internal sealed record SlackMessageRef(string? Ts, string? ThreadTs);

internal sealed record SlackAction(string? ActionId, string? BlockId, string? Value, string? ActionTs, string? Type);

internal sealed record SlackViewRef(string? Id, string? Type, string? CallbackId, string? PrivateMetadata, string? Hash, string? TeamId);
