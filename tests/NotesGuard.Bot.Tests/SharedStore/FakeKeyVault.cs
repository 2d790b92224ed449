using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using NotesGuard.Tests.Shared;

namespace NotesGuard.Bot.Tests.SharedStore;

/// <summary>
/// A loopback Azure Key Vault with one RSA key: wrapkey / unwrapkey as the REST API answers them (RSA-OAEP-256,
/// base64url values, a versioned kid), refusing calls without the expected bearer token.
/// </summary>
public sealed class FakeKeyVault : IAsyncDisposable
{
    public const string Token = "fake-key-vault-token";

    private readonly RSA _key = RSA.Create(2048);
    private readonly ConcurrentQueue<string> _operations = new();
    private WebApplication _app = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The unversioned key id to configure; wrapped keys name version "v1".</summary>
    public string KeyId => new Uri(BaseAddress, "keys/notesguard").ToString();

    public IReadOnlyList<string> Operations => [.. _operations];

    public static async Task<FakeKeyVault> StartAsync()
    {
        var vault = new FakeKeyVault();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        vault._app = builder.Build();
        vault._app.MapPost("/keys/notesguard/{**rest}", vault.HandleAsync);
        vault.BaseAddress = await LoopbackAddress.StartAsync(vault._app);
        return vault;
    }

    private async Task<IResult> HandleAsync(HttpContext context, string rest)
    {
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            return Results.Unauthorized();
        }

        var operation = rest.Split('/')[^1];
        _operations.Enqueue(operation);
        var body = (await JsonNode.ParseAsync(context.Request.Body))!;
        var value = WebEncoders.Base64UrlDecode(body["value"]!.GetValue<string>());
        var result = operation switch
        {
            "wrapkey" => _key.Encrypt(value, RSAEncryptionPadding.OaepSHA256),
            "unwrapkey" => _key.Decrypt(value, RSAEncryptionPadding.OaepSHA256),
            _ => null,
        };
        return result is null
            ? Results.NotFound()
            : Results.Json(new { kid = KeyId + "/v1", value = WebEncoders.Base64UrlEncode(result) });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _key.Dispose();
    }
}

/// <summary>A credential that hands out the fake vault's token, as a managed identity would a real one.</summary>
public sealed class FakeVaultCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(FakeKeyVault.Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
