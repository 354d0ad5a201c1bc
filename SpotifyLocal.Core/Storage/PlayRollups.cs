namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The all-time rollup rule both backends keep exact with every write: each play adds to one row per kind, keyed by
/// user, kind, grouping key and spelling (<see cref="KeysOf"/>); albums only count plays with an album name, as the
/// top lists do. A top list may be read from the rollups instead of the plays when <see cref="Cover"/> holds.
/// SQLite applies the rule in SQL (<c>SqlitePlayRollups</c>), MongoDB with upserts (<c>MongoPlayRollups</c>); tests
/// check both against <see cref="Fold"/>.
/// </summary>
public static class PlayRollups
{
    /// <summary>The rollup rows a play adds to: its track, its artist and, when it has an album name, its album.</summary>
    public static IEnumerable<PlayRollupKey> KeysOf(Play play)
    {
        yield return new PlayRollupKey(play.UserId, TopKind.Tracks, play.TrackKey, play.TrackName, play.ArtistName);
        yield return new PlayRollupKey(play.UserId, TopKind.Artists, play.ArtistKey, play.ArtistName, string.Empty);
        if (!string.IsNullOrEmpty(play.AlbumName))
        {
            yield return new PlayRollupKey(play.UserId, TopKind.Albums, play.AlbumKey, play.AlbumName, play.ArtistName);
        }
    }

    /// <summary>The rollup rows of some plays (what a write adds, or, over every play, what the rollups must hold).</summary>
    public static IReadOnlyList<PlayRollup> Fold(IEnumerable<Play> plays)
    {
        var rows = new Dictionary<PlayRollupKey, PlayRollup>();
        foreach (var play in plays)
        {
            foreach (var key in KeysOf(play))
            {
                rows[key] = rows.TryGetValue(key, out var row)
                    ? row with
                    {
                        Plays = row.Plays + 1,
                        MsPlayed = row.MsPlayed + play.MsPlayed,
                        FirstPlayedAt = play.PlayedAt < row.FirstPlayedAt ? play.PlayedAt : row.FirstPlayedAt,
                        LastPlayedAt = play.PlayedAt > row.LastPlayedAt ? play.PlayedAt : row.LastPlayedAt,
                    }
                    : new PlayRollup(key, 1, play.MsPlayed, play.PlayedAt, play.PlayedAt);
            }
        }

        return [.. rows.Values];
    }

    /// <summary>
    /// True when the rollups answer the scope's top lists: no play of its users lies outside [From, To), given
    /// the users' earliest and latest stored play (null when a user has none).
    /// </summary>
    public static bool Cover(PlayScope scope, DateTimeOffset? earliest, DateTimeOffset? latest) =>
        earliest is null || (earliest >= Truncate(scope.From) && latest < Truncate(scope.To));

    // Both backends compare whole milliseconds.
    private static DateTimeOffset Truncate(DateTimeOffset value) => DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());
}
