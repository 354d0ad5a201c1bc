namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The one way plays are written: in batches of <see cref="BatchSize"/>, per user, exact duplicates skipped by the
/// store's unique key and a play another source already stored skipped by <see cref="CrossSourceMatcher"/>, inside
/// the store's write (<see cref="IPlayStore.InsertMatchedAsync"/>), so tracking during an import cannot double a play.
/// </summary>
public sealed class PlayBatchWriter(IPlayStore store)
{
    public const int BatchSize = 1000;

    /// <summary>How far apart the two sources' timestamps of one play may be (<see cref="CrossSourceMatcher.Tolerance"/>).</summary>
    public static TimeSpan CrossSourceTolerance => CrossSourceMatcher.Tolerance;

    /// <summary>Writes the plays (any number, any users) and returns what was stored and what was skipped.</summary>
    public async Task<InsertResult> WriteAsync(IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        var total = InsertResult.Empty;
        for (var offset = 0; offset < plays.Count; offset += BatchSize)
        {
            var batch = plays.Skip(offset).Take(BatchSize);
            foreach (var userPlays in batch.GroupBy(p => p.UserId, StringComparer.Ordinal))
            {
                total = total.Add(await store.InsertMatchedAsync(userPlays.Key, [.. userPlays], cancellationToken));
            }
        }

        return total;
    }
}
