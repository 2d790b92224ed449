using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Limits;

namespace NotesGuard.Bot.Hosting;

/// <summary>The "RateLimits" section: how many requests one client address, and one authenticated person, may make a minute.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// Requests per minute from one client address (an IPv6 client's /64), on every endpoint but the health probes.
    /// Checked first, before any authentication, so it is the only limit an unauthenticated flood meets. Teams and
    /// Slack deliver a whole practice's traffic from a few of their own addresses, so this is set well above one
    /// person's pace.
    /// </summary>
    public int PerIpPerMinute { get; set; } = 600;

    /// <summary>
    /// Turns per minute from one authenticated person (a Teams from.id after token validation; a Slack team and user
    /// after signature verification). A walkthrough is a handful of clicks, so this leaves room to spare.
    /// </summary>
    public int PerUserPerMinute { get; set; } = 30;
}

internal sealed class RateLimitOptionsValidator : IValidateOptions<RateLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, RateLimitOptions options)
    {
        var failures = new List<string>();
        if (options.PerIpPerMinute is < 1 or > 1_000_000)
        {
            failures.Add($"{RateLimitOptions.SectionName}:PerIpPerMinute must be between 1 and 1000000 (got {options.PerIpPerMinute}).");
        }

        if (options.PerUserPerMinute is < 1 or > 100_000)
        {
            failures.Add($"{RateLimitOptions.SectionName}:PerUserPerMinute must be between 1 and 100000 (got {options.PerUserPerMinute}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Rate limiting for the whole host, with ASP.NET Core's rate-limiting middleware: a fixed window per client address
/// on every endpoint (health probes excepted), answered 429 with Retry-After; and the per-person limit the Teams and
/// Slack channels ask after they have authenticated a request (<see cref="IPersonRateLimiter"/>), which they answer
/// in the way their protocol needs (see docs/configuration.md). New endpoints are covered by the address limit
/// without doing anything; one that must not be limited says so with <c>.DisableRateLimiting()</c>.
/// </summary>
public static class RateLimits
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddNotesGuardRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddSingleton<IPersonRateLimiter>(sp => new PersonRateLimiter(sp.GetRequiredService<IOptions<RateLimitOptions>>().Value.PerUserPerMinute, Window));
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var perIp = limits.Value.PerIpPerMinute;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsHealthProbe(context.Request.Path)
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.GetFixedWindowLimiter(ClientKey(context.Connection.RemoteIpAddress), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perIp,
                        Window = Window,
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    public static WebApplication UseNotesGuardRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// The partition for a client address. IPv4-mapped IPv6 is its IPv4 address; other IPv6 addresses count by their
    /// /64, because one household or server is usually given a whole /64 and could otherwise rotate through it.
    /// </summary>
    internal static string ClientKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/readyz", StringComparison.OrdinalIgnoreCase);

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var response = rejected.HttpContext.Response;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await response.WriteAsJsonAsync(
            new ErrorResponse($"Too many requests from this address. Try again in {seconds} seconds."),
            HostJsonContext.Default.ErrorResponse,
            contentType: null,
            cancellationToken);
    }
}
