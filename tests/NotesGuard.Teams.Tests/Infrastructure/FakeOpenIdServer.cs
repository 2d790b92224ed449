using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>A signing key the fake publishes (or keeps to itself, to forge with).</summary>
public sealed record TestSigningKey(string Kid, RSA Rsa, string[] Endorsements);

/// <summary>
/// Our own Bot Framework identity: an OpenID metadata document and JWKS on loopback, with RSA keys we
/// generate, and tokens minted with Microsoft.IdentityModel.JsonWebTokens. Counts JWKS fetches so tests
/// can see the bot refresh its keys.
/// </summary>
public sealed class FakeOpenIdServer : IAsyncDisposable
{
    public const string BotFrameworkIssuer = "https://api.botframework.com";

    private readonly List<TestSigningKey> _published = [];
    private WebApplication? _app;
    private int _jwksRequests;

    public Uri BaseAddress { get; private set; } = null!;

    public string MetadataUrl => new Uri(BaseAddress, "v1/.well-known/openidconfiguration").ToString();

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    public static async Task<FakeOpenIdServer> StartAsync()
    {
        var server = new FakeOpenIdServer();
        (server._app, server.BaseAddress) = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Text(
                new JsonObject
                {
                    ["issuer"] = BotFrameworkIssuer,
                    ["authorization_endpoint"] = "https://invalid.example/authorize",
                    ["jwks_uri"] = new Uri(server.BaseAddress, "v1/keys").ToString(),
                    ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
                }.ToJsonString(),
                "application/json"));
            app.MapGet("/v1/keys", () =>
            {
                Interlocked.Increment(ref server._jwksRequests);
                return Results.Text(server.Jwks(), "application/json");
            });
        });
        return server;
    }

    public static TestSigningKey NewKey(string kid, params string[] endorsements) => new(kid, RSA.Create(2048), endorsements);

    public TestSigningKey Publish(string kid, params string[] endorsements)
    {
        var key = NewKey(kid, endorsements);
        Publish(key);
        return key;
    }

    public void Publish(TestSigningKey key)
    {
        lock (_published)
        {
            _published.Add(key);
        }
    }

    public static string Mint(
        TestSigningKey key,
        string audience,
        string serviceUrl,
        string issuer = BotFrameworkIssuer,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        bool includeServiceUrl = true,
        IReadOnlyDictionary<string, object>? claims = null)
    {
        var now = DateTime.UtcNow;
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (includeServiceUrl)
        {
            all["serviceurl"] = serviceUrl;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = (notBefore ?? now.AddMinutes(-1)),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }, algorithm),
            Claims = all.Count > 0 ? all : null,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>
    /// An Entra-style token: no serviceurl claim, and the authorised party in appid (ver 1.0) or azp (ver 2.0),
    /// as Entra puts it in a client-credentials token.
    /// </summary>
    public static string MintEntra(TestSigningKey key, string audience, string issuer, string authorisedParty, string version = "2.0") =>
        Mint(key, audience, "", issuer, includeServiceUrl: false, claims: new Dictionary<string, object>
        {
            ["ver"] = version,
            [version == "1.0" ? "appid" : "azp"] = authorisedParty,
        });

    /// <summary>An unsigned token ("alg": "none") with otherwise valid claims.</summary>
    public static string MintUnsigned(string kid, string audience, string serviceUrl)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = kid };
        var payload = new JsonObject
        {
            ["iss"] = BotFrameworkIssuer,
            ["aud"] = audience,
            ["nbf"] = now - 60,
            ["exp"] = now + 3600,
            ["serviceurl"] = serviceUrl,
        };
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.";
    }

    private string Jwks()
    {
        var keys = new JsonArray();
        lock (_published)
        {
            foreach (var key in _published)
            {
                var parameters = key.Rsa.ExportParameters(false);
                keys.Add(new JsonObject
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = key.Kid,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    ["endorsements"] = new JsonArray([.. key.Endorsements.Select(e => (JsonNode)e)]),
                });
            }
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
