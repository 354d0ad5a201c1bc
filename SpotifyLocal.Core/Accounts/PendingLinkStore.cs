using System.Collections.Concurrent;
using System.Security.Cryptography;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// The link requests in flight, in memory: OAuth <c>state</c> values (256 random bits, bound to one chat identity,
/// valid for <see cref="Lifetime"/>, consumed by the first callback that presents them) and the consents they brought
/// back, waiting for the chat's confirmation until the same deadline. A restart only voids links in the middle of it.
/// </summary>
public sealed class PendingLinkStore(TimeProvider timeProvider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, PendingLink> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingConsent> _consents = new(StringComparer.Ordinal);

    /// <summary>Creates a fresh state for the identity.</summary>
    public string Create(ChatIdentity identity)
    {
        RemoveExpired();
        var state = NewToken(32);
        _pending[state] = new PendingLink(identity, timeProvider.GetUtcNow() + Lifetime);
        return state;
    }

    /// <summary>Removes the state and returns its request; null when unknown, already used or expired.</summary>
    public PendingLink? Consume(string? state)
    {
        if (string.IsNullOrEmpty(state) || !_pending.TryRemove(state, out var link))
        {
            return null;
        }

        return link.ExpiresAt > timeProvider.GetUtcNow() ? link : null;
    }

    /// <summary>Keeps a consent under a fresh id (short enough for Telegram's 64-byte button data).</summary>
    public PendingConsent AddConsent(Func<string, PendingConsent> create)
    {
        RemoveExpired();
        var consent = create(NewToken(16));
        _consents[consent.Id] = consent;
        return consent;
    }

    /// <summary>The live consent with this id, or null (unknown, finished or expired).</summary>
    public PendingConsent? FindConsent(string? id) =>
        id is not null && _consents.TryGetValue(id, out var consent) && consent.ExpiresAt > timeProvider.GetUtcNow() ? consent : null;

    /// <summary>The newest live consent the identity asked for, or null.</summary>
    public PendingConsent? FindConsentOf(ChatIdentity requester) =>
        _consents.Values.Where(c => c.Requester == requester && c.ExpiresAt > timeProvider.GetUtcNow()).MaxBy(c => c.ExpiresAt);

    /// <summary>Replaces a consent (e.g. with its holders set) unless it was finished meanwhile.</summary>
    public bool Update(PendingConsent previous, PendingConsent next) => _consents.TryUpdate(previous.Id, next, previous);

    /// <summary>Takes the consent out so only one caller finishes it; null when it is gone or expired.</summary>
    public PendingConsent? TakeConsent(string id) =>
        _consents.TryRemove(id, out var consent) && consent.ExpiresAt > timeProvider.GetUtcNow() ? consent : null;

    /// <summary>Drops every request and consent of these identities (/forget).</summary>
    public void Forget(IReadOnlyCollection<ChatIdentity> identities)
    {
        foreach (var (state, link) in _pending)
        {
            if (identities.Contains(link.Identity))
            {
                _pending.TryRemove(state, out _);
            }
        }

        foreach (var (id, consent) in _consents)
        {
            if (identities.Contains(consent.Requester))
            {
                _consents.TryRemove(id, out _);
            }
        }
    }

    private static string NewToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

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

        foreach (var (id, consent) in _consents)
        {
            if (consent.ExpiresAt <= now)
            {
                _consents.TryRemove(id, out _);
            }
        }
    }
}
