using Microsoft.Extensions.Options;
using NotesGuard.Bot.WebChat;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance.Rulebook;

namespace NotesGuard.Bot.Letters;

/// <summary>
/// In Teams and Slack, follows each guidance card with one short text message listing the documents that fit,
/// as absolute short-lived links under <see cref="LetterLinkOptions.PublicBaseUrl"/>. It goes through each
/// channel's ordinary text path, so the card renderers are untouched. Without a public base URL nothing is
/// added; the web chat shows its own offer (see <see cref="WebChatEndpoints"/>).
/// </summary>
internal sealed class LetterOfferingTurnHandler(ITurnHandler inner, RulebookDocument rulebook, LetterLinks links, IOptions<LetterLinkOptions> options)
    : ITurnHandler
{
    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        var result = await inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        var baseUrl = options.Value.PublicBaseUrl?.TrimEnd('/');
        if (baseUrl is null || turn.ChannelId == WebChatEndpoints.ChannelId || !result.Replies.Any(r => r is GuidanceCardReply))
        {
            return result;
        }

        var replies = new List<Reply>();
        foreach (var reply in result.Replies)
        {
            replies.Add(reply);
            if (reply is GuidanceCardReply card && LetterEndpoints.OffersFor(card, rulebook, links) is { Count: > 0 } offers)
            {
                var lines = offers.Select(o => $"• {o.Title}: Word {baseUrl}{o.DocxUrl} · text {baseUrl}{o.TextUrl}");
                var text = $"Documents for this situation (drafts with blanks in [square brackets] for your own copy; the links work for {options.Value.LinkLifetimeMinutes} minutes):\n{string.Join('\n', lines)}";
                replies.Add(new TextReply(text) { OnlyForUser = card.OnlyForUser });
            }
        }

        return result with { Replies = replies };
    }
}
