using System.Collections.Concurrent;
using System.Security.Cryptography;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// OAuth <c>state</c> values: 256 random bits, bound to one chat identity, valid for <see cref="Lifetime"/>
/// and consumed by the first callback that presents them. Kept in memory: a restart only voids links that
/// were in the middle of the 10-minute consent step.
/// </summary>
public sealed class PendingLinkStore(TimeProvider timeProvider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, PendingLink> _pending = new(StringComparer.Ordinal);

    /// <summary>Creates a fresh state for the identity.</summary>
    public string Create(ChatIdentity identity)
    {
        RemoveExpired();
        var state = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _pending[state] = new PendingLink(identity, timeProvider.GetUtcNow() + Lifetime);
        return state;
    }

    /// <summary>Removes the state and returns its identity; null when unknown, already used or expired.</summary>
    public ChatIdentity? Consume(string? state)
    {
        if (string.IsNullOrEmpty(state) || !_pending.TryRemove(state, out var link))
        {
            return null;
        }

        return link.ExpiresAt > timeProvider.GetUtcNow() ? link.Identity : null;
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        foreach (var (state, link) in _pending)
        {
            if (link.ExpiresAt <= now)
            {
                _pending.TryRemove(state, out _);
            }
        }
    }
}
