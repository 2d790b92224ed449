using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Azure.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace NotesGuard.Conversations.State.KeyRing;

/// <summary>
/// Wraps and unwraps a content key with an Azure Key Vault key (RSA-OAEP-256, the Key Vault REST API's
/// wrapkey / unwrapkey). The key never leaves the vault. Written against the REST API because the Azure Key Vault
/// packages are not on this project's feed. Data Protection calls its encryptors synchronously, and only when it
/// creates a key or loads the ring (start-up, daily, on an unknown key id), so the calls here are synchronous too.
/// </summary>
public sealed class KeyVaultKeyWrapper(HttpClient http, TokenCredential credential, Uri keyId)
{
    private const string ApiVersion = "7.4";
    private const string Algorithm = "RSA-OAEP-256";

    /// <summary>The key that wraps new content keys.</summary>
    public Uri KeyId { get; } = keyId;

    /// <summary>An https URL whose path is /keys/{name} or /keys/{name}/{version} (http only on loopback, for tests).</summary>
    public static bool IsKeyId(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) ||
            !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)) ||
            !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        return segments.Length is 2 or 3 && segments[0] == "keys" && segments.All(s => s.Length > 0);
    }

    /// <summary>The wrapped key and the versioned id of the vault key that wrapped it (needed to unwrap).</summary>
    public (string Kid, byte[] Wrapped) Wrap(byte[] contentKey)
    {
        var answer = Call(KeyId, "wrapkey", contentKey);
        return (answer.Kid ?? KeyId.ToString(), WebEncoders.Base64UrlDecode(answer.Value!));
    }

    public byte[] Unwrap(string kid, byte[] wrapped)
    {
        // Only keys of the configured vault: a stored kid pointing elsewhere would send our token there.
        if (!Uri.TryCreate(kid, UriKind.Absolute, out var kidUri) || !IsKeyId(kid) ||
            !string.Equals(kidUri.GetLeftPart(UriPartial.Authority), KeyId.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("A stored Data Protection key names a Key Vault key outside DataProtection:KeyVaultKeyId's vault.");
        }

        return WebEncoders.Base64UrlDecode(Call(kidUri, "unwrapkey", wrapped).Value!);
    }

    private KeyOperationResult Call(Uri key, string operation, byte[] value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{key.ToString().TrimEnd('/')}/{operation}?api-version={ApiVersion}")
        {
            Content = JsonContent.Create(new KeyOperation(Algorithm, WebEncoders.Base64UrlEncode(value)), KeyVaultJsonContext.Default.KeyOperation),
        };
        var token = credential.GetToken(new TokenRequestContext([ScopeFor(key)]), CancellationToken.None);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        using var response = http.Send(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Key Vault {operation} failed with HTTP {(int)response.StatusCode}.");
        }

        using var body = response.Content.ReadAsStream();
        var result = System.Text.Json.JsonSerializer.Deserialize(body, KeyVaultJsonContext.Default.KeyOperationResult);
        return result?.Value is null ? throw new InvalidOperationException($"Key Vault {operation} answered without a value.") : result;
    }

    /// <summary>"myvault.vault.azure.net" → "https://vault.azure.net/.default" (and the sovereign clouds' equivalents).</summary>
    private static string ScopeFor(Uri key)
    {
        var labels = key.Host.Split('.');
        var resource = labels.Length > 2 ? string.Join('.', labels[1..]) : key.Host;
        return $"https://{resource}/.default";
    }
}

internal sealed record KeyOperation([property: JsonPropertyName("alg")] string Alg, [property: JsonPropertyName("value")] string Value);

internal sealed record KeyOperationResult([property: JsonPropertyName("kid")] string? Kid, [property: JsonPropertyName("value")] string? Value);

[JsonSerializable(typeof(KeyOperation))]
[JsonSerializable(typeof(KeyOperationResult))]
internal sealed partial class KeyVaultJsonContext : JsonSerializerContext;
