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

    /// <summary>
    /// Writes the plays (any number, any users) and returns what was stored and what was skipped. A failure after
    /// part of them was stored throws <see cref="PlayWriteException"/> with exactly what is stored.
    /// </summary>
    public async Task<InsertResult> WriteAsync(IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        var total = InsertResult.Empty;
        for (var offset = 0; offset < plays.Count; offset += BatchSize)
        {
            var batch = plays.Skip(offset).Take(BatchSize);
            foreach (var userPlays in batch.GroupBy(p => p.UserId, StringComparer.Ordinal))
            {
                try
                {
                    total = total.Add(await store.InsertMatchedAsync(userPlays.Key, [.. userPlays], cancellationToken));
                }
                catch (PlayWriteException ex)
                {
                    // Part of this write is stored: report everything this call stored.
                    throw new PlayWriteException(total.Add(ex.Stored), ex.InnerException!);
                }
            }
        }

        return total;
    }
}
