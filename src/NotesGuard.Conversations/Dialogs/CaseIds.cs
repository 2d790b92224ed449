using System.Security.Cryptography;

namespace NotesGuard.Conversations.Dialogs;

/// <summary>Short random ids that tell one walkthrough's cards from another's.</summary>
internal static class CaseIds
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyz23456789";

    public static string New() => RandomNumberGenerator.GetString(Alphabet, 10);
}
