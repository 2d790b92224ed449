using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using NotesGuard.Bot.Tests.Infrastructure;

namespace NotesGuard.Bot.Tests.Host;

/// <summary>POST /api/advice: the advice contract over HTTP.</summary>
public sealed class AdviceApiTests : IAsyncLifetime
{
    private RunningBot _bot = null!;

    public async Task InitializeAsync() => _bot = await RunningBot.StartAsync(ProductionSettings.With(), "Production");

    public async Task DisposeAsync() => await _bot.DisposeAsync();

    [Fact]
    public async Task Complete_answers_get_the_contracts_result()
    {
        var (status, body) = await PostAsync("""{"jurisdiction":"england-wales","requester":"police","courtOrder":"yes","safeguardingConcern":"no"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var result = JsonNode.Parse(body)!;
        Assert.Equal("comply-with-court-order", (string?)result["outcome"]);
        Assert.Equal("as-ordered", (string?)result["handOverNotes"]);
        Assert.False(string.IsNullOrEmpty((string?)result["disclaimer"]));
        Assert.Contains(result["links"]!.AsArray(), l => (string?)l!["id"] == "cps-pre-trial-therapy");

        // The steps to show first under "Do now": the first doNow of them, the helpline among them.
        var doNow = (int)result["doNow"]!;
        Assert.InRange(doNow, 1, 3);
        Assert.Contains(result["steps"]!.AsArray().Take(doNow), s => (string?)s!["code"] == "contact-insurer-helpline");
    }

    [Fact]
    public async Task A_client_asking_for_their_own_records_gets_the_access_request_result()
    {
        var (status, body) = await PostAsync("""{"jurisdiction":"england-wales","requester":"client","courtOrder":"no","safeguardingConcern":"no"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var result = JsonNode.Parse(body)!;
        Assert.Equal("client-access-request", (string?)result["outcome"]);
        Assert.Equal("client-copy", (string?)result["handOverNotes"]);
        Assert.Contains(result["links"]!.AsArray(), l => (string?)l!["id"] == "ico-right-of-access");
    }

    [Fact]
    public async Task Incomplete_answers_get_the_next_question()
    {
        var (status, body) = await PostAsync("""{"jurisdiction":"england-wales"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("requester", (string?)JsonNode.Parse(body)!["nextQuestion"]!["id"]);
    }

    [Theory]
    [InlineData("""{"jurisdiction":"mars"}""", "jurisdiction")]
    [InlineData("""{"favouriteColour":"blue"}""", "favouriteColour")]
    [InlineData("""{"jurisdiction":""", "not valid JSON")]
    [InlineData("""[1,2]""", "JSON object")]
    [InlineData("", "answers")]
    public async Task Bad_input_gets_400_with_a_message_that_says_what_is_wrong(string body, string mentioned)
    {
        var (status, text) = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(mentioned, (string?)JsonNode.Parse(text)!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_body_gets_413_and_the_app_keeps_answering()
    {
        var huge = "{\"jurisdiction\":\"" + new string('x', 200_000) + "\"}";
        var (status, _) = await PostAsync(huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("""{"jurisdiction":"scotland"}""")).Status);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await _bot.Client.PostAsync("/api/advice", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
