namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Which user a chat identity speaks for. One user may have a Discord and a Telegram identity at once;
/// an identity points at exactly one user.
/// </summary>
public interface IChatLinkStore
{
    Task<string?> GetUserIdAsync(ChatIdentity identity, CancellationToken cancellationToken);

    /// <summary>Points the identity at the user, replacing any earlier link of that identity.</summary>
    Task SetAsync(ChatIdentity identity, string userId, CancellationToken cancellationToken);

    Task<bool> RemoveAsync(ChatIdentity identity, CancellationToken cancellationToken);

    Task<IReadOnlyList<ChatIdentity>> ListForUserAsync(string userId, CancellationToken cancellationToken);
}
