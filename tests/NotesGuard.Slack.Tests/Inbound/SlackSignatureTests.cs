using System.Text;
using NotesGuard.Slack.Inbound;

namespace NotesGuard.Slack.Tests.Inbound;

public sealed class SlackSignatureTests
{
    // Slack's documented example ("Verifying requests from Slack"); slack-sign reproduces it.
    private const string DocSecret = "8f742231b10e8888abcd99yyyzzz85a5";
    private const string DocTimestamp = "1531420618";
    private const string DocSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private const string DocBody =
        "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
        "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
        "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    private static readonly DateTimeOffset DocNow = DateTimeOffset.FromUnixTimeSeconds(1531420618);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes(DocBody);

    [Fact]
    public void Slack_documented_test_vector_computes_and_verifies()
    {
        var signature = new SlackSignature(DocSecret);

        Assert.Equal(DocSignature, signature.Compute(DocTimestamp, Body));
        Assert.Equal(SignatureFailure.None, signature.Verify(DocTimestamp, DocSignature, Body, DocNow));
    }

    [Fact]
    public void Wrong_secret_is_refused()
    {
        Assert.Equal(SignatureFailure.Mismatch, new SlackSignature("not-the-secret").Verify(DocTimestamp, DocSignature, Body, DocNow));
    }

    [Fact]
    public void Tampered_body_is_refused()
    {
        var tampered = Encoding.UTF8.GetBytes(DocBody.Replace("roadrunner", "coyote", StringComparison.Ordinal));

        Assert.Equal(SignatureFailure.Mismatch, new SlackSignature(DocSecret).Verify(DocTimestamp, DocSignature, tampered, DocNow));
    }

    [Fact]
    public void A_trailing_newline_changes_the_body_and_is_refused()
    {
        var withNewline = Encoding.UTF8.GetBytes(DocBody + "\n");

        Assert.Equal(SignatureFailure.Mismatch, new SlackSignature(DocSecret).Verify(DocTimestamp, DocSignature, withNewline, DocNow));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    [InlineData(-86_400)]
    [InlineData(3_600)]
    public void Timestamps_more_than_five_minutes_away_in_either_direction_are_refused(int secondsFromNow)
    {
        // Signed correctly, but "now" is far from the request's timestamp: a replay, or a forged future request.
        var now = DocNow.AddSeconds(-secondsFromNow);

        Assert.Equal(SignatureFailure.StaleOrFutureTimestamp, new SlackSignature(DocSecret).Verify(DocTimestamp, DocSignature, Body, now));
    }

    [Theory]
    [InlineData(-299)]
    [InlineData(299)]
    public void Timestamps_within_five_minutes_are_accepted(int secondsFromNow)
    {
        Assert.Equal(SignatureFailure.None, new SlackSignature(DocSecret).Verify(DocTimestamp, DocSignature, Body, DocNow.AddSeconds(-secondsFromNow)));
    }

    [Theory]
    [InlineData(null, DocSignature, SignatureFailure.MissingHeaders)]
    [InlineData(DocTimestamp, null, SignatureFailure.MissingHeaders)]
    [InlineData("", "", SignatureFailure.MissingHeaders)]
    [InlineData("15314x0618", DocSignature, SignatureFailure.MalformedTimestamp)]
    [InlineData("-1531420618", DocSignature, SignatureFailure.MalformedTimestamp)]
    [InlineData("99999999999999999999", DocSignature, SignatureFailure.MalformedTimestamp)]
    [InlineData(DocTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureFailure.MalformedSignature)]
    [InlineData(DocTimestamp, "v0=a2114d57", SignatureFailure.MalformedSignature)]
    [InlineData(DocTimestamp, "v0=zz114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureFailure.MalformedSignature)]
    public void Missing_or_malformed_headers_are_refused(string? timestamp, string? signature, SignatureFailure expected)
    {
        Assert.Equal(expected, new SlackSignature(DocSecret).Verify(timestamp, signature, Body, DocNow));
    }
}
