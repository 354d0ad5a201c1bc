namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Persistence of podcast and audiobook listening (<see cref="EpisodePlay"/>), kept apart from <see cref="IPlayStore"/>
/// so no music stat can count it. One implementation per backend.
/// </summary>
public interface IEpisodePlayStore
{
    /// <summary>
    /// Stores the entries, skipping any whose (UserId, PlayedAt, EpisodeId) is already stored or repeated in the batch.
    /// A failure after part of them was stored throws <see cref="PlayWriteException"/> with exactly what is stored.
    /// </summary>
    Task<InsertResult> InsertAsync(IReadOnlyList<EpisodePlay> episodes, CancellationToken cancellationToken);

    /// <summary>
    /// Shows by listening time in the scope (then entries, then name, ordinal): <see cref="TopItem.Key"/> and
    /// <see cref="TopItem.Name"/> are the show's name, <see cref="TopItem.Plays"/> its entries.
    /// </summary>
    Task<IReadOnlyList<TopItem>> GetTopShowsAsync(PlayScope scope, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Episodes by listening time in the scope (then entries, then id, ordinal): <see cref="TopItem.Key"/> is the episode
    /// id, <see cref="TopItem.Name"/> its name and <see cref="TopItem.ArtistName"/> its show (the smallest spelling of each).
    /// </summary>
    Task<IReadOnlyList<TopItem>> GetTopEpisodesAsync(PlayScope scope, int limit, CancellationToken cancellationToken);

    Task<EpisodeTotals> GetTotalsAsync(PlayScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> entries of the user after <paramref name="after"/> (null: from the oldest), oldest
    /// first (played_at, then episode id): one page of reading all of a user's entries without holding a cursor open (the export).
    /// </summary>
    Task<IReadOnlyList<EpisodePlay>> GetPageAsync(string userId, EpisodeCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>Moves every entry of one user id to another (a chat identity linking its Spotify account); duplicates are dropped.</summary>
    Task<InsertResult> ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken);

    /// <summary>Deletes every entry of the user and returns how many were deleted.</summary>
    Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken);
}
