using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NotesGuard.Teams.Authentication;

/// <summary>A token whose signature, issuer, audience and lifetime have passed, and the key that signed it.</summary>
internal sealed record ValidatedBotToken(bool FromBotFramework, JsonWebKey Key, JsonWebToken Token)
{
    // A record prints every property, and a JsonWebToken prints as the token itself: logs never hold a token.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("FromBotFramework = ").Append(FromBotFramework).Append(", Key = ").Append(Key.Kid).Append(", Token = (hidden)");
        return true;
    }
}
