namespace NotesGuard.Bot.WebChat;

/// <summary>One turn from the browser: its own random ids, and either typed text or a clicked button's value.</summary>
public sealed record WebChatTurnRequest(string? ConversationId, string? UserId, string? TurnId, string? Text, string? Value);

/// <summary>The replies; <see cref="Forgotten"/> when the engine deleted the person's records ("forget me"), so the page clears the earlier conversation from the screen too.</summary>
public sealed record WebChatTurnResponse(IReadOnlyList<WebChatReply> Replies, bool Duplicate, bool Forgotten = false);

public sealed record WebChatButton(string Title, string Value, string Style);

public sealed record WebChatReviewItem(string QuestionText, string AnswerTitle, WebChatButton Change);

/// <summary>
/// A reply as the browser draws it; <see cref="Type"/> says which fields are set
/// (text, question, answered, review, guidance).
/// </summary>
public sealed record WebChatReply(string Type)
{
    public string? Kind { get; init; }

    public string? Title { get; init; }

    public string? Text { get; init; }

    public string? Why { get; init; }

    public string? Progress { get; init; }

    public string? Notice { get; init; }

    public string? OwnerName { get; init; }

    public string? AnswerTitle { get; init; }

    public IReadOnlyList<WebChatButton>? Buttons { get; init; }

    public IReadOnlyList<WebChatButton>? Navigation { get; init; }

    public IReadOnlyList<WebChatReviewItem>? Items { get; init; }

    /// <summary>The guidance's outcome code (advice contract), for scripts and tests; the page does not show it.</summary>
    public string? Outcome { get; init; }

    /// <summary>The question, review or guidance card as the card model lays it out; the page draws its sections in order.</summary>
    public WebChatCard? Card { get; init; }

    /// <summary>For type "documents": the documents that fit the card just shown, as short-lived download links.</summary>
    public IReadOnlyList<Letters.LetterOffer>? Documents { get; init; }
}

/// <summary>A card: its sections in order (<see cref="NotesGuard.Conversations.Cards.Card"/>), drawn as they come.</summary>
public sealed record WebChatCard(string Summary, IReadOnlyList<WebChatCardSection> Sections);

/// <summary>A section; <see cref="Kind"/> is the model's kind in camelCase (doNow, whoToCall…), <see cref="Tone"/> normal, warning or attention.</summary>
public sealed record WebChatCardSection(string Kind, string? Label, string Tone, IReadOnlyList<WebChatCardLine> Lines);

public sealed record WebChatCardLine(string Text, int? Number, string? Term, string? Url, bool Phone, string? Detail, WebChatButton? Button);
