using System.Text;
using Microsoft.Extensions.Options;
using NotesGuard.Bot.Hosting;
using NotesGuard.Conversations.Engine;
using NotesGuard.Conversations.Replies;
using NotesGuard.Guidance;
using NotesGuard.Guidance.Letters;
using NotesGuard.Guidance.Rulebook;
using NotesGuard.Letters;

namespace NotesGuard.Bot.Letters;

/// <summary>A document offered in the web chat, as its page reads it: its title and where to download it as Word or as text.</summary>
public sealed record LetterOffer(string Kind, string Title, string DocxUrl, string TextUrl);

/// <summary>
/// GET /letters/{token} (Word) and GET /letters/{token}?format=text: the documents offered after a guidance card,
/// filled from the link's codes and the practice settings. Any token that is not live is 404, alike.
/// </summary>
public static class LetterEndpoints
{
    public const string PathPrefix = "/letters/";

    public static IServiceCollection AddLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LetterLinkOptions>().Bind(configuration.GetSection(LetterLinkOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LetterLinkOptions>, LetterLinkOptionsValidator>();
        services.AddSingleton<LetterLinks>();
        DecorateTurnHandler(services);
        services.AddSingleton(sp => sp.GetRequiredService<IAdvisor>() is Advisor advisor
            ? advisor.Rulebook
            : RulebookLoader.Load(sp.GetRequiredService<PracticeSettings>()));
        return services;
    }

    /// <summary>Wraps whichever ITurnHandler is registered (the engine, or a test's) so every chat offers documents after the card.</summary>
    private static void DecorateTurnHandler(IServiceCollection services) =>
        services.DecorateTurnHandler((sp, inner) => ActivatorUtilities.CreateInstance<LetterOfferingTurnHandler>(sp, inner));

    public static WebApplication MapLetters(this WebApplication app)
    {
        app.MapGet(PathPrefix + "{token}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> DownloadAsync(string token, string? format, HttpContext context, LetterLinks links, RulebookDocument rulebook, PracticeSettings settings)
    {
        // Nothing here may be cached or passed on: the link is a short-lived secret.
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";

        if (format is not (null or "docx" or "text"))
        {
            return Results.Json(new ErrorResponse("format must be docx or text."), HostJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status400BadRequest);
        }

        LetterLink? found;
        try
        {
            found = await links.FindAsync(token, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Any store failure: a clear "try again", not a 500 page.
        catch (Exception)
#pragma warning restore CA1031
        {
            return Results.Json(new ErrorResponse("Documents cannot be fetched just now. Please try again in a minute."), HostJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        if (found is not { } link || LetterFiller.Fill(rulebook, link.Kind, link.Outcome, link.Answers, settings) is not { } letter)
        {
            return Results.Json(new ErrorResponse("This download link is unknown or has expired. Ask for the guidance again to get a new one."), HostJsonContext.Default.ErrorResponse, statusCode: StatusCodes.Status404NotFound);
        }

        return format == "text"
            ? Results.File(Encoding.UTF8.GetBytes(LetterTextRenderer.Render(letter)), "text/plain; charset=utf-8", letter.FileName("txt"))
            : Results.File(DocxLetterWriter.Write(letter), DocxLetterWriter.ContentType, letter.FileName("docx"));
    }
}
