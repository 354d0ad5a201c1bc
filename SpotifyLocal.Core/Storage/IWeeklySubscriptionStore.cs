namespace SpotifyLocal.Core.Storage;

/// <summary>Chat identities that asked for a private weekly summary (<c>/weekly on</c>).</summary>
public interface IWeeklySubscriptionStore
{
    /// <summary>Subscribes (<paramref name="enabled"/>) or unsubscribes the identity; idempotent.</summary>
    Task SetAsync(ChatIdentity identity, bool enabled, CancellationToken cancellationToken);

    Task<bool> IsSubscribedAsync(ChatIdentity identity, CancellationToken cancellationToken);

    /// <summary>Every subscribed identity, ordered by platform and chat user id.</summary>
    Task<IReadOnlyList<ChatIdentity>> ListAsync(CancellationToken cancellationToken);
}
