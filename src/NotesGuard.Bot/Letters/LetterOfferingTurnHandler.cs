using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.WebChat;
using NotesGuard.Conversations.Cards;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Hosting;
using NotesGuard.Conversations.Practice;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Letters;
using NotesGuard.Guidance.Rulebook;
using NotesGuard.Letters;

namespace NotesGuard.Bot.Letters;

/// <summary>
/// Follows each guidance card with a <see cref="DocumentsReply"/>: the documents that fit its outcome, each with
/// short-lived Word and text links and a "Read it here" button. The web chat's links are relative to its page;
/// Teams and Slack need <see cref="LetterLinkOptions.PublicBaseUrl"/> and offer nothing without it. A "Read it here"
/// click is answered here, before the engine, with the document's whole text.
/// </summary>
internal sealed partial class LetterOfferingTurnHandler(
    ITurnHandler inner,
    RulebookDocument rulebook,
    PracticeSettings settings,
    LetterLinks links,
    IOptions<LetterLinkOptions> options,
    ILogger<LetterOfferingTurnHandler> logger) : ITurnHandler
{
    /// <summary>The "Read it here" button's value: this prefix and the link's token.</summary>
    public const string ReadPrefix = "letters|read|";

    /// <summary>The "Send the Word file here" button's value (Slack only): this prefix and the link's token.</summary>
    public const string FilePrefix = "letters|file|";

    public const string ExpiredText = "This document's link has expired. Ask for the guidance again to get the documents afresh.";

    public const string UnavailableText = "The document could not be fetched just now. Please try again in a minute.";

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.ActionValue is { } value && value.StartsWith(ReadPrefix, StringComparison.Ordinal))
        {
            return new TurnResult([await ReadHereAsync(turn, value[ReadPrefix.Length..], asFile: false, cancellationToken).ConfigureAwait(false)]);
        }

        if (turn.ActionValue is { } file && file.StartsWith(FilePrefix, StringComparison.Ordinal) && turn.ChannelId == PracticeTarget.Slack)
        {
            return new TurnResult([await ReadHereAsync(turn, file[FilePrefix.Length..], asFile: true, cancellationToken).ConfigureAwait(false)]);
        }

        var result = await inner.HandleAsync(turn, cancellationToken).ConfigureAwait(false);
        if (BaseUrlFor(turn.ChannelId) is not { } baseUrl || !result.Replies.Any(r => r is GuidanceCardReply))
        {
            return result;
        }

        var replies = new List<Reply>();
        foreach (var reply in result.Replies)
        {
            replies.Add(reply);
            // A shared case carries no answers: its documents are the sharer's, never the group's.
            if (reply is GuidanceCardReply { Answers.Count: > 0 } card && await OfferAsync(turn, card, baseUrl, cancellationToken).ConfigureAwait(false) is { } offer)
            {
                replies.Add(offer);
            }
        }

        return result with { Replies = replies };
    }

    /// <summary>"" for the web chat (links relative to its page), the public address for Teams and Slack, else null.</summary>
    private string? BaseUrlFor(string channelId) => channelId switch
    {
        WebChatEndpoints.ChannelId => "",
        PracticeTarget.Teams or PracticeTarget.Slack => options.Value.PublicBaseUrl?.TrimEnd('/'),
        _ => null,
    };

    private async Task<DocumentsReply?> OfferAsync(Turn turn, GuidanceCardReply card, string baseUrl, CancellationToken cancellationToken)
    {
        var outcome = card.Advice.Outcome;
        var offers = new List<DocumentOffer>();
        foreach (var template in rulebook.Letters.FittingOutcome(outcome))
        {
            string? token;
            try
            {
                token = await links.CreateAsync(turn.ChannelId, turn.UserId, template.Kind, outcome, card.Answers, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any store failure: the card has been given; better no offer than no card.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogOfferFailed(logger, turn.ChannelId, LoggedFailure.Describe(ex));
                return null;
            }

            if (token is null)
            {
                return null;
            }

            var letter = LetterFiller.Fill(rulebook, template, outcome, card.Answers, settings);
            var path = $"{baseUrl}{LetterEndpoints.PathPrefix}{token}";
            offers.Add(new DocumentOffer(
                template.Kind, template.Title, LetterTextRenderer.Opening(letter), path, path + "?format=text", new ReplyButton(CardWords.ReadHere, ReadPrefix + token))
            {
                // Slack can take an uploaded file; Teams would need a file consent card, the web chat downloads anyway.
                SendFile = turn.ChannelId == PracticeTarget.Slack ? new ReplyButton(CardWords.SendFile, FilePrefix + token) : null,
            });
        }

        return offers.Count == 0 ? null : new DocumentsReply(offers, options.Value.LinkLifetimeMinutes) { OnlyForUser = card.OnlyForUser };
    }

    /// <summary>
    /// The document's whole text, for the person who clicked (Slack shows it to them only); or, in Slack, the Word
    /// file. Only the person it was offered to, in the channel it was offered in, gets it; anyone else hears that
    /// the link has expired, which says nothing about whether the token exists.
    /// </summary>
    private async Task<Reply> ReadHereAsync(Turn turn, string token, bool asFile, CancellationToken cancellationToken)
    {
        LetterLink? link;
        try
        {
            // Bound to who clicked and where the reply goes: the button sits in a group conversation for anyone to press.
            link = await links.FindOwnedAsync(token, turn.ChannelId, turn.UserId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any store failure: the person hears back instead of getting an error.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogOfferFailed(logger, turn.ChannelId, LoggedFailure.Describe(ex));
            return new TextReply(UnavailableText, TextKind.Notice) { OnlyForUser = true };
        }

        if (link is null || LetterFiller.Fill(rulebook, link.Kind, link.Outcome, link.Answers, settings) is not { } letter)
        {
            return new TextReply(ExpiredText, TextKind.Notice) { OnlyForUser = true };
        }

        return asFile
            ? new FileReply(letter.FileName("docx"), letter.Title, DocxLetterWriter.Write(letter))
            : new TextReply(LetterTextRenderer.Render(letter)) { OnlyForUser = true };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Document links in channel {ChannelId} could not be stored or read ({Failure})")]
    private static partial void LogOfferFailed(ILogger logger, string channelId, string failure);
}
