using NotesGuard.Conversations.Hosting;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.Hosting;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Json;

namespace NotesGuard.Bot.AdviceApi;

/// <summary>
/// POST /api/advice: the advice contract over HTTP, byte for byte what <c>notesguard advise</c> prints —
/// answers JSON in, the result (or nextQuestion) out; 400 naming the key for bad answers, 413 for huge bodies.
/// </summary>
public static class AdviceEndpoints
{
    public const string Path = "/api/advice";

    public static IEndpointRouteBuilder MapAdviceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, AdviseAsync);
        return endpoints;
    }

    private static async Task<IResult> AdviseAsync(HttpContext context, IAdvisor advisor, IOptions<AdviceApiOptions> options)
    {
        var limit = options.Value.MaxRequestBytes;
        var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, limit, context.RequestAborted).ConfigureAwait(false);
        if (body is null)
        {
            return Error(StatusCodes.Status413PayloadTooLarge, $"The answers document is larger than {limit} bytes.");
        }

        AnswerSet answers;
        try
        {
            answers = AnswersJson.Parse(body);
        }
        catch (InvalidAnswerException ex)
        {
            return Error(StatusCodes.Status400BadRequest, ex.Message);
        }

        var response = advisor.Advise(answers);
        var json = AdviceJson.Serialize(response, AdviceJson.ProgressFor(advisor, answers, response));
        return Results.Text(json, "application/json; charset=utf-8");
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new ErrorResponse(message), HostJsonContext.Default.ErrorResponse, statusCode: status);
}
