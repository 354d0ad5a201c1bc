using System.Collections.Concurrent;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// One lock per Spotify user, shared by every <see cref="SpotifyTokenService"/> instance: two polls or commands that
/// find the same token expired refresh it once, not twice with the same refresh token (a rotating refresh answers
/// the second one with <c>invalid_grant</c>, which would unlink the user).
/// </summary>
public sealed class TokenRefreshLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>The lock that serialises refreshes of this user's token.</summary>
    public SemaphoreSlim For(string spotifyId) => _locks.GetOrAdd(spotifyId, _ => new SemaphoreSlim(1, 1));
}
