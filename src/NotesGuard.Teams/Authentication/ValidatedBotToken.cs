using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace NotesGuard.Teams.Authentication;

/// <summary>A token whose signature, issuer, audience and lifetime have passed, and the key that signed it.</summary>
internal sealed record ValidatedBotToken(bool FromBotFramework, JsonWebKey Key, JsonWebToken Token);
