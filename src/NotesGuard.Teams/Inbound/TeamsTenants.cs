using NotesGuard.Teams.Schema;

namespace NotesGuard.Teams.Inbound;

/// <summary>Which Microsoft 365 organisation (Entra tenant) an activity or a stored conversation belongs to, and whether the bot serves it.</summary>
internal static class TeamsTenants
{
    /// <summary>The tenant as Teams sends it: <c>channelData.tenant.id</c>, else <c>conversation.tenantId</c>.</summary>
    public static string? Of(Activity activity) => activity.ChannelData?.Tenant?.Id ?? activity.Conversation?.TenantId;

    /// <summary>
    /// True when <see cref="TeamsOptions.EffectiveAllowedTenantIds"/> is empty (any tenant) or holds this activity's
    /// tenant, compared as GUIDs; <paramref name="tenant"/> is its id in "D" form, or null when it names none.
    /// </summary>
    public static bool IsServed(TeamsOptions options, Activity activity, out string? tenant) =>
        IsServed(options, Of(activity), out tenant);

    public static bool IsServed(TeamsOptions options, string? tenantId, out string? tenant)
    {
        tenant = Guid.TryParse(tenantId, out var id) ? id.ToString("D") : null;
        var allowed = options.EffectiveAllowedTenantIds;
        return allowed.Count == 0 || (tenant is not null && allowed.Contains(tenant, StringComparer.Ordinal));
    }
}
