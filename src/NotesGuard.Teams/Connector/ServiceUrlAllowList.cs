using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace NotesGuard.Teams.Connector;

/// <summary>
/// Where the bot may send replies and its Connector token: https service URLs whose host is on
/// Teams:AllowedServiceUrls (exact, or "*.suffix" for any subdomain). An activity's serviceUrl is only a claim
/// by whoever posted it; without this list a token from any Entra app, or a bug in a token check, would let a
/// stranger receive the bot's own access token. In Development, loopback (the Agents Playground's
/// http://localhost:PORT/_connector) is allowed as well.
/// </summary>
internal sealed class ServiceUrlAllowList
{
    private readonly IReadOnlyList<HostPattern> _patterns;
    private readonly bool _allowLoopback;

    public ServiceUrlAllowList(IOptions<TeamsOptions> options, IHostEnvironment environment)
    {
        _patterns = [.. options.Value.EffectiveAllowedServiceUrls.Select(e => HostPattern.Parse(e, out _)).OfType<HostPattern>()];
        _allowLoopback = environment.IsDevelopment();
    }

    public bool IsAllowed(string? serviceUrl)
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0)
        {
            return false;
        }

        if (_allowLoopback && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && IsLoopback(uri))
        {
            return true;
        }

        return uri.Scheme == Uri.UriSchemeHttps && _patterns.Any(p => p.Matches(uri));
    }

    /// <summary>False when the entry is not a usable https origin pattern; <paramref name="error"/> says why.</summary>
    public static bool IsValidEntry(string entry, out string error) => HostPattern.Parse(entry, out error) is not null;

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));

    private sealed record HostPattern(string Host, bool AnySubdomain, int Port)
    {
        public bool Matches(Uri uri)
        {
            if (uri.Port != Port)
            {
                return false;
            }

            var host = uri.IdnHost.TrimEnd('.');
            return AnySubdomain
                ? host.EndsWith("." + Host, StringComparison.OrdinalIgnoreCase)
                : string.Equals(host, Host, StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>"https://host[:port][/]" or "https://*.domain.tld[:port][/]"; nothing else.</summary>
        public static HostPattern? Parse(string entry, out string error)
        {
            const string scheme = "https://";
            error = "";
            if (string.IsNullOrWhiteSpace(entry) || !entry.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                error = "must start with https://";
                return null;
            }

            var wildcard = entry.AsSpan(scheme.Length).StartsWith("*.");
            var concrete = wildcard ? scheme + entry[(scheme.Length + 2)..] : entry;
            if (!Uri.TryCreate(concrete, UriKind.Absolute, out var uri)
                || uri.UserInfo.Length > 0
                || uri.AbsolutePath != "/"
                || uri.Query.Length > 0
                || uri.Fragment.Length > 0
                || uri.HostNameType != UriHostNameType.Dns)
            {
                error = "must be an https origin such as https://smba.trafficmanager.net (a host name, no path)";
                return null;
            }

            var host = uri.IdnHost.TrimEnd('.');
            if (wildcard && host.Split('.').Length < 2)
            {
                // "*.com" or "*.net" would let anyone register a matching host.
                error = "a wildcard needs at least a domain and a top-level domain after '*.'";
                return null;
            }

            return new HostPattern(host, wildcard, uri.Port);
        }
    }
}
