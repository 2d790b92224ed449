using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using NotesGuard.Conversations.Engine;

namespace NotesGuard.Conversations.Practice;

/// <summary>
/// Whether the person behind a turn is one of the practice's admins. The only input is
/// <see cref="Turn.PrincipalId"/>, which a channel sets from what it authenticated; nothing in a message or a
/// button can make someone an admin.
/// </summary>
public sealed partial class PracticeAdmins(IOptions<PracticeOptions> options)
{
    private readonly HashSet<string> _admins = new(options.Value.Admins.Select(Normalize), StringComparer.Ordinal);

    public bool Any => _admins.Count > 0;

    public bool IsAdmin(Turn turn) => turn?.PrincipalId is { Length: > 0 } id && _admins.Contains(Normalize(id));

    /// <summary>How the audit trail names someone: a hash prefix (default) or the id as configured.</summary>
    public string AuditName(string principalId) =>
        options.Value.AuditIdentities == "Plain" ? principalId : Hashed(principalId);

    internal static string Hashed(string principalId)
    {
        var channel = principalId.Split(':')[0];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(principalId))));
        return $"{channel}:sha256:{hash[..16]}";
    }

    public static bool IsWellFormed(string? id) => id is not null && (TeamsAdmin().IsMatch(id) || SlackAdmin().IsMatch(id));

    // Entra object ids are GUIDs, written in either case; Slack ids are upper-case and case-sensitive.
    private static string Normalize(string id) =>
        id.StartsWith("msteams:", StringComparison.OrdinalIgnoreCase) ? id.ToLowerInvariant() : id.Trim();

    [GeneratedRegex("^msteams:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex TeamsAdmin();

    [GeneratedRegex("^slack:[TE][A-Z0-9]{2,30}:[UW][A-Z0-9]{2,30}$")]
    private static partial Regex SlackAdmin();
}
