using System.Net;
using System.Text;

namespace NotesGuard.Robustness.Tests.Fuzz;

/// <summary>
/// Sends generated requests and keeps score: how many were sent, which status each got, and every answer that
/// broke the rule (a 5xx, or a 2xx chat answer that is not a reply). Fails once at the end with the seed to replay.
/// </summary>
internal sealed class FuzzReport(string endpoint, int seed)
{
    private readonly List<string> _violations = [];
    private readonly SortedDictionary<int, int> _statuses = [];

    public int Sent { get; private set; }

    public IReadOnlyDictionary<int, int> Statuses => _statuses;

    public int Count(Func<int, bool> status) => _statuses.Where(s => status(s.Key)).Sum(s => s.Value);

    /// <summary>Sends one case; <paramref name="acceptable"/> may refuse a 2xx body that is not a proper answer.</summary>
    public async Task<HttpResponseMessage?> SendAsync(HttpClient client, int index, BadRequest request, Func<HttpResponseMessage, string, string?>? acceptable = null)
    {
        using var message = request.ToMessage();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(message);
        }
        catch (HttpRequestException ex)
        {
            // The server hung up instead of answering: as bad as a 500 for whoever sent it.
            Violation(index, request, $"no answer ({ex.Message})");
            return null;
        }

        Sent++;
        var status = (int)response.StatusCode;
        _statuses[status] = _statuses.GetValueOrDefault(status) + 1;
        var body = await response.Content.ReadAsStringAsync();
        if (status >= 500)
        {
            Violation(index, request, $"{status} {Short(body)}");
        }
        else if (response.IsSuccessStatusCode && acceptable?.Invoke(response, body) is { } problem)
        {
            Violation(index, request, $"{status} but {problem}");
        }

        return response;
    }

    public void Violation(int index, BadRequest request, string what)
    {
        lock (_violations)
        {
            _violations.Add($"case {index} ({request.Path}, {request.Description}): {what}");
        }
    }

    public void AssertNoViolations()
    {
        ReliabilityResults.Record($"fuzz {endpoint}", ("badInputs", Sent), ("violations", _violations.Count), ("seed", seed));
        if (_violations.Count == 0)
        {
            return;
        }

        var text = new StringBuilder()
            .AppendLine($"{_violations.Count} of {Sent} generated requests to {endpoint} broke the rule (seed {seed}; {FuzzSeed.Replay(seed)}):");
        foreach (var violation in _violations.Take(15))
        {
            text.AppendLine("  " + violation);
        }

        Assert.Fail(text.ToString());
    }

    public string Summary() => $"{endpoint}: {Sent} sent, statuses " + string.Join(", ", _statuses.Select(s => $"{s.Key}×{s.Value}"));

    private static string Short(string body) => body.Length > 1500 ? body[..1500] + "…" : body;

    public static bool Is2xx(HttpStatusCode status) => (int)status is >= 200 and < 300;
}
