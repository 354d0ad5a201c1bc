namespace SpotifyLocal.Core.Storage;

/// <summary>Persistence of plays and the aggregations stats are built from. One implementation per backend.</summary>
public interface IPlayStore
{
    /// <summary>
    /// Stores the plays, skipping any whose (UserId, PlayedAt, TrackId) is already stored or repeated
    /// in the batch. Never partially fails silently: an error other than a duplicate throws.
    /// </summary>
    Task<InsertResult> InsertAsync(IReadOnlyList<Play> plays, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the plays of one user that <see cref="CrossSourceMatcher.Unmatched"/> keeps against the user's stored
    /// stamps within <see cref="CrossSourceMatcher.Window"/> of them, reading and inserting as one step that no other
    /// writer (another thread or process) interleaves with. Everything not stored counts as a duplicate.
    /// </summary>
    Task<InsertResult> InsertMatchedAsync(string userId, IReadOnlyList<Play> plays, CancellationToken cancellationToken);

    Task<IReadOnlyList<TopItem>> GetTopAsync(PlayScope scope, TopKind kind, int limit, CancellationToken cancellationToken);

    Task<ListeningTotals> GetTotalsAsync(PlayScope scope, CancellationToken cancellationToken);

    /// <summary>Plays and time per <see cref="ListeningBucket.Size"/> UTC slot, ordered by time; empty slots omitted.</summary>
    Task<IReadOnlyList<ListeningBucket>> GetListeningBucketsAsync(PlayScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// The listening buckets folded into local clock hours of <paramref name="zone"/>, ordered by hour (the recap's
    /// days, months and hours from one row per hour instead of four). By default folded here from
    /// <see cref="GetListeningBucketsAsync"/>; a store may fold them where they are stored, with the same answer.
    /// </summary>
    async Task<IReadOnlyList<LocalHourBucket>> GetLocalHoursAsync(PlayScope scope, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var buckets = await GetListeningBucketsAsync(scope, cancellationToken);
        return buckets.Count == 0
            ? []
            : LocalHourBucket.Fold(buckets, LocalDayOffsets.For(zone, buckets[0].StartUtc, buckets[^1].StartUtc + ListeningBucket.Size));
    }

    /// <summary>
    /// The local calendar days (in the zone <paramref name="offsets"/> describe) on which each of the given artists was
    /// played in the scope, with that day's plays; ordered by artist key (ordinal), then day. Rows are per artist and day,
    /// never per play, so the answer stays small for a heavy listener.
    /// </summary>
    Task<IReadOnlyList<ArtistDay>> GetArtistDaysAsync(
        PlayScope scope, IReadOnlyList<string> artistKeys, LocalDayOffsets offsets, CancellationToken cancellationToken);

    /// <summary>
    /// The tracks, artists or albums whose first play by the scope's users lies in [From, To), ranked by all their plays
    /// (then time, then key) with the most-played spelling as the name, and how many there are. Read from the all-time
    /// rollups where they are exact, else grouped from the plays.
    /// </summary>
    Task<DiscoveryList> GetDiscoveriesAsync(PlayScope firstPlayedIn, TopKind kind, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Per track, artist or album in the scope: the plays that say whether they were skipped (only extended-history plays
    /// do) and how many were, for the keys with at least <paramref name="minSkipped"/> skipped plays (0: every key with
    /// skip data); the most-played spelling of those plays as the name; ordered by key (ordinal). One row per key.
    /// </summary>
    Task<IReadOnlyList<SkipCount>> GetSkipCountsAsync(PlayScope scope, TopKind kind, int minSkipped, CancellationToken cancellationToken);

    /// <summary>The newest plays of a user, newest first.</summary>
    Task<IReadOnlyList<Play>> GetRecentAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>Stamps of the stored plays in the scope, for near-duplicate detection across sources.</summary>
    Task<IReadOnlyList<PlayStamp>> GetStampsAsync(PlayScope scope, CancellationToken cancellationToken);

    /// <summary>
    /// The newest play of a user recorded by tracking (<see cref="PlaySource.Tracked"/>), or null when none. Imported
    /// plays never count: a bad export row must not move the tracking cursor.
    /// </summary>
    Task<DateTimeOffset?> GetLatestTrackedAtAsync(string userId, CancellationToken cancellationToken);

    Task<long> CountAsync(PlayScope scope, CancellationToken cancellationToken);

    /// <summary>Moves every play of one user id to another (a chat identity linking its Spotify account); duplicates are dropped.</summary>
    Task<InsertResult> ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> plays of the user, oldest first (played_at, then track id): one page of a move.</summary>
    Task<IReadOnlyList<Play>> GetOldestAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="limit"/> plays of the user after <paramref name="after"/> (null: from the oldest), oldest first
    /// (played_at, then track id): one page of reading all of a user's plays without holding a cursor open (the export).
    /// </summary>
    Task<IReadOnlyList<Play>> GetPageAsync(string userId, PlayCursor? after, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes these plays of the user (matched on played_at and track id, always within that user) and keeps what the
    /// user's rollups answer exact; returns how many were deleted.
    /// </summary>
    Task<long> DeletePlaysAsync(string userId, IReadOnlyList<Play> plays, CancellationToken cancellationToken);

    /// <summary>Deletes every play of the user and returns how many were deleted.</summary>
    Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken);
}
