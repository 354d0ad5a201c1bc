using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// A Spotify consent that came back for <see cref="Requester"/>, held in memory (tokens never stored) until the requester
/// confirms it in the chat and, when the Spotify account is already linked to other chat identities, one of
/// <see cref="Holders"/> approves it; void after <see cref="ExpiresAt"/> (10 minutes after /link).
/// </summary>
public sealed record PendingConsent(
    string Id,
    ChatIdentity Requester,
    SpotifyTokens Tokens,
    SpotifyProfileDto Profile,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The name the confirmation button shows: the profile's display name, or its id.</summary>
    public string AccountName => string.IsNullOrWhiteSpace(Profile.DisplayName) ? Profile.Id : Profile.DisplayName;

    /// <summary>Set once the requester confirmed and the account turned out to be linked elsewhere: who may approve.</summary>
    public IReadOnlyList<ChatIdentity>? Holders { get; init; }
}
