using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace NotesGuard.Teams.Authentication;

/// <summary>
/// The signing keys published at one OpenID metadata URL, cached by a ConfigurationManager (which also
/// refreshes them about daily). An unknown key id means the keys may have rotated: the keys are fetched
/// again before the token is judged. ConfigurationManager 8.x refreshes in the background after
/// RequestRefresh (returning the stale keys meanwhile), so the request carrying the new key would still
/// fail; instead a fresh manager is loaded synchronously and swapped in — at most once per minimum
/// interval, so forged key ids cannot make the bot hammer the metadata endpoint.
/// </summary>
internal sealed class SigningKeySource : IDisposable
{
    private readonly string _metadataUrl;
    private readonly HttpClient _httpClient;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private ConfigurationManager<OpenIdConnectConfiguration> _manager;
    private DateTimeOffset _lastForcedRefresh = DateTimeOffset.MinValue;

    public SigningKeySource(string metadataUrl, HttpClient httpClient, TimeSpan minimumRefreshInterval, TimeProvider clock)
    {
        _metadataUrl = metadataUrl;
        _httpClient = httpClient;
        _minimumRefreshInterval = minimumRefreshInterval;
        _clock = clock;
        _manager = NewManager();
    }

    /// <summary>The key with this id, or null when the metadata (even after a refresh) has none.</summary>
    public async Task<JsonWebKey?> FindKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var key = Find(await Volatile.Read(ref _manager).GetConfigurationAsync(cancellationToken), keyId);
        if (key is not null)
        {
            return key;
        }

        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var manager = Volatile.Read(ref _manager);
            var now = _clock.GetUtcNow();
            if (now - _lastForcedRefresh < _minimumRefreshInterval)
            {
                return Find(await manager.GetConfigurationAsync(cancellationToken), keyId);
            }

            _lastForcedRefresh = now;
            var fresh = NewManager();
            var configuration = await fresh.GetConfigurationAsync(cancellationToken);
            Volatile.Write(ref _manager, fresh);
            return Find(configuration, keyId);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private static JsonWebKey? Find(OpenIdConnectConfiguration configuration, string keyId) =>
        configuration.JsonWebKeySet?.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));

    private ConfigurationManager<OpenIdConnectConfiguration> NewManager()
    {
        var requireHttps = !Uri.TryCreate(_metadataUrl, UriKind.Absolute, out var uri) || !uri.IsLoopback;
        return new ConfigurationManager<OpenIdConnectConfiguration>(
            _metadataUrl,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(_httpClient) { RequireHttps = requireHttps });
    }
}
