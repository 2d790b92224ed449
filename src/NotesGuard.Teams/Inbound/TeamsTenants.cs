using Microsoft.Extensions.Options;
using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>
/// Which Microsoft 365 organisation (Entra tenant) an activity or a stored conversation belongs to, and whether the
/// bot serves it: <see cref="TeamsOptions.EffectiveAllowedTenantIds"/>, worked out once (it is asked on every activity).
/// </summary>
internal sealed class TeamsTenants(IOptions<TeamsOptions> options)
{
    // Null: any tenant. The ids are in "D" form, lower case, as EffectiveAllowedTenantIds gives them.
    private readonly HashSet<string>? _served = options.Value.EffectiveAllowedTenantIds is { Count: > 0 } served
        ? new HashSet<string>(served, StringComparer.Ordinal)
        : null;

    /// <summary>The tenant as Teams sends it: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    public static string? Of(Activity activity) => activity.ChannelData?.Tenant?.Id ?? activity.Conversation?.TenantId;

    /// <summary>
    /// True when every tenant is served or this activity's is, compared as GUIDs; <paramref name="tenant"/> is its id
    /// in "D" form, or null when it names none.
    /// </summary>
    public bool IsServed(Activity activity, out string? tenant) => IsServed(Of(activity), out tenant);

    public bool IsServed(string? tenantId, out string? tenant)
    {
        tenant = Guid.TryParse(tenantId, out var id) ? id.ToString("D") : null;
        return _served is null || (tenant is not null && _served.Contains(tenant));
    }
}
