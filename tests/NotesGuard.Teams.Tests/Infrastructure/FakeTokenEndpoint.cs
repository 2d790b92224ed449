using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace NotesGuard.Teams.Tests.Infrastructure;

/// <summary>
/// A loopback Entra token endpoint over HTTPS (MSAL refuses plain-http authorities), with a throwaway
/// self-signed certificate. Counts client-credential requests so tests can see MSAL's cache at work.
/// </summary>
public sealed class FakeTokenEndpoint : IAsyncDisposable
{
    private WebApplication? _app;
    private int _requests;

    public X509Certificate2 Certificate { get; } = CreateCertificate();

    public Uri BaseAddress { get; private set; } = null!;

    public int TokenRequests => Volatile.Read(ref _requests);

    public string? LastTenantPath { get; private set; }

    /// <summary>How the last client proved itself: "secret" or "certificate" (a signed client assertion).</summary>
    public string? LastCredentialKind { get; private set; }

    public static async Task<FakeTokenEndpoint> StartAsync()
    {
        var fake = new FakeTokenEndpoint();
        (fake._app, fake.BaseAddress) = await LoopbackServer.StartAsync(
            app => app.MapPost("/{tenant}/oauth2/v2.0/token", async (string tenant, HttpContext context) =>
            {
                var form = await context.Request.ReadFormAsync();
                if (form["grant_type"] != "client_credentials" || string.IsNullOrEmpty(form["client_id"]))
                {
                    return Results.BadRequest();
                }

                fake.LastTenantPath = tenant;
                fake.LastCredentialKind = form.ContainsKey("client_assertion") ? "certificate" : form.ContainsKey("client_secret") ? "secret" : null;
                var n = Interlocked.Increment(ref fake._requests);
                return Results.Json(new Dictionary<string, object>
                {
                    ["token_type"] = "Bearer",
                    ["expires_in"] = 3600,
                    ["ext_expires_in"] = 3600,
                    ["access_token"] = $"fake-access-token-{n}",
                });
            }),
            fake.Certificate);
        return fake;
    }

    /// <summary>An HttpClient handler that trusts only this fake's certificate.</summary>
    public HttpMessageHandler TrustingHandler() => new HttpClientHandler
    {
        ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            certificate is not null && certificate.Thumbprint == Certificate.Thumbprint,
    };

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Certificate.Dispose();
    }
}
