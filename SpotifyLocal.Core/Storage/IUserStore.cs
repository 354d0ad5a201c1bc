namespace SpotifyLocal.Core.Storage;

/// <summary>Persistence of <see cref="User"/> records, keyed by <see cref="User.SpotifyId"/>.</summary>
public interface IUserStore
{
    Task<User?> GetAsync(string spotifyId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the user with this SpotifyId.</summary>
    Task UpsertAsync(User user, CancellationToken cancellationToken);

    /// <summary>Users whose tokens can be used (<see cref="LinkState.Linked"/>).</summary>
    Task<IReadOnlyList<User>> ListLinkedAsync(CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string spotifyId, CancellationToken cancellationToken);
}
