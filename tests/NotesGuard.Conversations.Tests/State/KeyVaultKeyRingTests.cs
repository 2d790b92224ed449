using System.Net;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.State.KeyRing;

namespace NotesGuard.Conversations.Tests.State;

/// <summary>The Key Vault wrapping of the Data Protection key ring: which key ids are accepted, and where the token may go.</summary>
public sealed class KeyVaultKeyRingTests
{
    [Theory]
    [InlineData("https://practice.vault.azure.net/keys/notesguard", true)]
    [InlineData("https://practice.vault.azure.net/keys/notesguard/0123456789abcdef", true)]
    [InlineData("http://127.0.0.1:5000/keys/notesguard", true)]
    [InlineData("http://practice.vault.azure.net/keys/notesguard", false)]
    [InlineData("https://practice.vault.azure.net/secrets/notesguard", false)]
    [InlineData("https://practice.vault.azure.net/keys/", false)]
    [InlineData("https://practice.vault.azure.net/keys/notesguard?x=1", false)]
    [InlineData("notesguard", false)]
    public void Only_the_url_of_a_key_is_a_key_id(string value, bool accepted) => Assert.Equal(accepted, KeyVaultKeyWrapper.IsKeyId(value));

    [Fact]
    public void A_bad_key_id_stops_the_app_at_start_and_names_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataProtection:KeyVaultKeyId"] = "http://vault.example/keys/notesguard" })
            .Build();
        using var services = new ServiceCollection().AddLogging().AddKeyRingWithStateStore(configuration).BuildServiceProvider();

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<KeyRingOptions>>().Value);

        Assert.Contains("DataProtection:KeyVaultKeyId", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_key_naming_another_vault_is_refused_before_any_token_is_sent()
    {
        var handler = new RecordingHandler();
        var wrapper = new KeyVaultKeyWrapper(new HttpClient(handler), new StaticCredential(), new Uri("https://practice.vault.azure.net/keys/notesguard"));

        Assert.Throws<InvalidOperationException>(() => wrapper.Unwrap("https://attacker.example/keys/notesguard/v1", [1, 2, 3]));

        Assert.Equal(0, handler.Calls);
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("token", DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"kid":"x","value":"AQID"}""") };
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(Send(request, cancellationToken));
    }
}
