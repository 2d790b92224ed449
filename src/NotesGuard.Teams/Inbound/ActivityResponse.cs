using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>What the HTTP response to an activity carries: a status, and for invokes a body.</summary>
internal sealed record ActivityResponse(int StatusCode, AdaptiveCardInvokeResponse? InvokeBody = null)
{
    public static readonly ActivityResponse Ok = new(200);
}
