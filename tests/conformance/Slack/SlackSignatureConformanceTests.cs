using System.Globalization;
using System.Text;
using NotesGuard.Conformance.Tests.Infrastructure;
using NotesGuard.Slack.Inbound;

namespace NotesGuard.Conformance.Tests.Slack;

/// <summary>
/// NotesGuard's signature check against @slack/bolt's own verifier (slack-sign --check-bolt) on the same bodies:
/// the same signature, accepted by both; and a body changed after signing refused by NotesGuard.
/// </summary>
public sealed class SlackSignatureConformanceTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";

    public static TheoryData<string, string> Bodies => new()
    {
        { "event", "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"event_id\":\"Ev1\",\"event\":{\"type\":\"message\",\"channel_type\":\"im\",\"channel\":\"D1\",\"user\":\"U1\",\"text\":\"Is there a court order? — “yes” & <no>\",\"ts\":\"1.2\"}}" },
        { "command", "token=x&team_id=T1&channel_id=C1&user_id=U1&command=%2Fnotesguard&text=forget-me&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2F1&trigger_id=1.2.3" },
        { "interaction", "payload=" + Uri.EscapeDataString("{\"type\":\"block_actions\",\"user\":{\"id\":\"U1\"},\"team\":{\"id\":\"T1\"},\"actions\":[{\"action_id\":\"ng-button:1\",\"value\":\"ng1|a|c|t|courtOrder|no|\"}]}") },
        { "url_verification", "{\"token\":\"x\",\"challenge\":\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}" },
        { "unicode", "{\"type\":\"event_callback\",\"event\":{\"text\":\"Wrexham – Cymru 🏴 ünïcödé\"}}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Bolt_and_notesguard_compute_and_accept_the_same_signature(string kind, string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var bytes = Encoding.UTF8.GetBytes(body);
        var file = WriteBody(kind, bytes);

        var (exitCode, output) = PeerTools.Run("slack-sign", "--check-bolt", Secret, ts, file);

        Assert.True(exitCode == 0, output);
        Assert.Contains("@slack/bolt verifySlackRequest: OK", output, StringComparison.Ordinal);
        var boltSignature = output.Split('\n')[0].Trim();
        var ours = new SlackSignature(Secret);
        Assert.Equal(boltSignature, ours.Compute(ts, bytes));
        Assert.Equal(SignatureFailure.None, ours.Verify(ts, boltSignature, bytes, DateTimeOffset.UtcNow));
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public void A_body_changed_after_bolt_signed_it_is_refused(string kind, string body)
    {
        var ts = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var (exitCode, output) = PeerTools.Run("slack-sign", Secret, ts, WriteBody(kind, Encoding.UTF8.GetBytes(body)));
        Assert.True(exitCode == 0, output);

        var tampered = Encoding.UTF8.GetBytes(body + " ");

        Assert.Equal(SignatureFailure.Mismatch, new SlackSignature(Secret).Verify(ts, output.Trim(), tampered, DateTimeOffset.UtcNow));
    }

    [Fact]
    public void Slacks_documented_test_vector_is_what_slack_sign_and_notesguard_both_produce()
    {
        const string body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
            "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
            "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        const string expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

        var (exitCode, output) = PeerTools.Run("slack-sign", "--check-bolt", Secret, "1531420618", WriteBody("vector", Encoding.UTF8.GetBytes(body)));

        Assert.True(exitCode == 0, output);
        Assert.Equal(expected, output.Split('\n')[0].Trim());
        Assert.Equal(expected, new SlackSignature(Secret).Compute("1531420618", Encoding.UTF8.GetBytes(body)));
    }

    private static string WriteBody(string kind, byte[] bytes)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("notesguard-slack-sign-").FullName, kind + ".body");
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
