using System.Text.Json;
using NotesGuard.Guidance.Json;

namespace NotesGuard.Guidance.Tests;

/// <summary>The JSON every surface (CLI, web API) reads and writes.</summary>
public sealed class AdviceJsonTests
{
    private static readonly Advisor Advisor = Advisor.Create(new PracticeSettings());

    [Fact]
    public void A_flat_object_of_answer_codes_is_read()
    {
        var answers = AnswersJson.Parse("""{"jurisdiction":"england-wales","requester":"police"}""");
        Assert.Equal("england-wales", answers["jurisdiction"]);
        Assert.Equal("police", answers["requester"]);
        Assert.Empty(AnswersJson.Parse("{}"));
    }

    [Theory]
    [InlineData("""{"jurisdiction":"england-wales",""", "", "answers are not valid JSON")]
    [InlineData("""["police"]""", "", "answers must be a JSON object")]
    [InlineData("", "", "no answers given")]
    [InlineData("""{"requester":1}""", "requester", "the answer for 'requester' must be a string; allowed values: police, cps, defence, parent-or-family, client, social-services, other")]
    [InlineData("""{"colour":"blue"}""", "colour", "unknown answer key 'colour'; allowed keys: jurisdiction, requester, courtOrder")]
    [InlineData("""{"courtOrder":"maybe"}""", "courtOrder", "'maybe' is not an allowed value for 'courtOrder'; allowed values: yes, no, unsure")]
    [InlineData("""{"courtOrder":"yes","courtOrder":"no"}""", "courtOrder", "'courtOrder' is answered twice")]
    [InlineData("""{"courtOrder":null}""", "courtOrder", "must be a string")]
    [InlineData("""{} {}""", "", "not valid JSON")]
    public void Bad_answers_are_refused_with_one_line_naming_the_key_and_allowed_values(string json, string key, string message)
    {
        var ex = Assert.Throws<InvalidAnswerException>(() => AnswersJson.Parse(json));
        Assert.Equal(key, ex.Key);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', 0xC0, 0xAF, (byte)'"', (byte)':', (byte)'"', (byte)'x', (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'c', (byte)'o', (byte)'u', (byte)'r', (byte)'t', (byte)'O', (byte)'r', (byte)'d', (byte)'e', (byte)'r', (byte)'"', (byte)':', (byte)'"', 0xED, 0xA0, 0x80, (byte)'"', (byte)'}' })]
    public void Answers_that_are_not_UTF_8_are_refused_like_any_other_bad_document(byte[] utf8)
    {
        var ex = Assert.Throws<InvalidAnswerException>(() => AnswersJson.Parse(utf8));
        Assert.Contains("not valid UTF-8", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"courtOrder":"\ud800"}""")]
    [InlineData("""{"courtOrder":"\ud83d\u026c"}""")]
    [InlineData("""{"\udc00":"yes"}""")]
    public void A_u_escape_of_half_a_character_is_refused_like_any_other_bad_document(string json)
    {
        // Found by the robustness fuzz: the reader let these through and threw InvalidOperationException, a 500.
        var ex = Assert.Throws<InvalidAnswerException>(() => AnswersJson.Parse(json));
        Assert.Contains("not a whole character", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_result_is_written_in_the_contract_s_shape()
    {
        var answers = AnswersJson.Parse("""{"jurisdiction":"england-wales","requester":"defence","courtOrder":"no","safeguardingConcern":"no"}""");
        using var json = JsonDocument.Parse(AdviceJson.Serialize(Advisor.Advise(answers)));
        var root = json.RootElement;

        Assert.Equal("2026.4", root.GetProperty("rulebookVersion").GetString());
        Assert.Equal("no-obligation-without-order", root.GetProperty("outcome").GetString());
        Assert.Equal("no", root.GetProperty("handOverNotes").GetString());
        Assert.Equal(Advisor.Rulebook.HandOverNotesLabels["no"], root.GetProperty("handOverNotesLabel").GetString());
        Assert.Equal(
            ["rulebookVersion", "outcome", "handOverNotes", "handOverNotesLabel", "headline"],
            root.EnumerateObject().Select(p => p.Name).Take(5));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("headline").GetString()));
        // The steps shown first under "Do now" are the first doNow of them; the helpline is among them.
        var doNow = root.GetProperty("doNow").GetInt32();
        Assert.InRange(doNow, 1, 3);
        Assert.Contains(
            "contact-insurer-helpline",
            root.GetProperty("steps").EnumerateArray().Take(doNow).Select(s => s.GetProperty("code").GetString()));
        var step = root.GetProperty("steps")[0];
        Assert.Equal(["code", "text", "sources"], step.EnumerateObject().Select(p => p.Name));
        var link = root.GetProperty("links")[0];
        Assert.Equal(["id", "title", "url"], link.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Array, root.GetProperty("helplines").ValueKind);
        Assert.Contains("not legal advice", root.GetProperty("disclaimer").GetString(), StringComparison.Ordinal);
        Assert.Contains("insurer's legal helpline", root.GetProperty("helplineInstruction").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Incomplete_answers_give_the_next_question_with_value_and_title_choices()
    {
        var answers = AnswersJson.Parse("""{"jurisdiction":"england-wales"}""");
        var response = Advisor.Advise(answers);
        using var json = JsonDocument.Parse(AdviceJson.Serialize(response, AdviceJson.ProgressFor(Advisor, answers, response)));
        var question = json.RootElement.GetProperty("nextQuestion");

        Assert.Equal("requester", question.GetProperty("id").GetString());
        Assert.False(string.IsNullOrEmpty(question.GetProperty("text").GetString()));
        Assert.False(string.IsNullOrEmpty(question.GetProperty("why").GetString()));
        var choice = question.GetProperty("choices")[0];
        Assert.Equal(["value", "title"], choice.EnumerateObject().Select(p => p.Name));
        Assert.Equal("police", choice.GetProperty("value").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("progress").GetProperty("number").GetInt32());
    }

    [Fact]
    public void Helplines_configured_by_the_practice_appear_in_the_json()
    {
        var advisor = Advisor.Create(new PracticeSettings
        {
            InsurerHelplines = [new HelplineSetting { Name = "Insurer legal line", Phone = "01632 960002", Hours = "24 hours" }],
        });
        var answers = AnswersJson.Parse("""{"jurisdiction":"scotland","safeguardingConcern":"no"}""");
        using var json = JsonDocument.Parse(AdviceJson.Serialize(advisor.Advise(answers)));
        var helpline = json.RootElement.GetProperty("helplines")[0];
        Assert.Equal("Insurer legal line", helpline.GetProperty("name").GetString());
        Assert.Equal("01632 960002", helpline.GetProperty("phone").GetString());
        Assert.Equal("24 hours", helpline.GetProperty("hours").GetString());
    }
}
