using System.Net.Http.Headers;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>One generated request: where it goes, what it carries, and a short description for the failure report.</summary>
internal sealed record BadRequest(string Path, string Description, byte[] Body, string? ContentType)
{
    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public HttpRequestMessage ToMessage()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(Body) };
        if (ContentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        }
        else
        {
            request.Content.Headers.ContentType = null;
        }

        foreach (var (name, raw) in Headers)
        {
            // Headers travel as ASCII; a client cannot send anything else, so neither does the generator.
            var value = new string([.. raw.Select(c => c is >= ' ' and <= '~' ? c : '?')]);
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return request;
    }

    public static MediaTypeHeaderValue Json => new("application/json");
}
