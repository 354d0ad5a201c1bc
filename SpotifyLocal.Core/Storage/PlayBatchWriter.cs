namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The one way plays are written: in batches of <see cref="BatchSize"/>, exact duplicates skipped by the
/// store's unique key, and a play already stored by the <em>other</em> source (tracking vs. import) within
/// <see cref="CrossSourceTolerance"/> of the same song counted as a duplicate too. Spotify stamps both the
/// recently-played <c>played_at</c> and the export's <c>ts</c> at the end of the stream, but reports show
/// them up to ~18 s apart (spotify/web-api#613, FoxxMD/multi-scrobbler#709); two genuine plays of one
/// song end at least 30 s apart (a play counts after 30 s), so 25 s catches the first without merging the second.
/// </summary>
public sealed class PlayBatchWriter(IPlayStore store)
{
    public const int BatchSize = 1000;

    /// <summary>How far apart the two sources' timestamps of one play may be.</summary>
    public static readonly TimeSpan CrossSourceTolerance = TimeSpan.FromSeconds(25);

    /// <summary>
    /// Writes the plays (any number, any users) and returns what was stored and what was skipped. A failure after
    /// part of them was stored throws <see cref="PlayWriteException"/> with exactly what is stored.
    /// </summary>
    public async Task<InsertResult> WriteAsync(IReadOnlyList<Play> plays, CancellationToken cancellationToken)
    {
        var total = InsertResult.Empty;
        for (var offset = 0; offset < plays.Count; offset += BatchSize)
        {
            var batch = plays.Skip(offset).Take(BatchSize).ToList();
            try
            {
                total = total.Add(await WriteBatchAsync(batch, cancellationToken));
            }
            catch (PlayWriteException ex)
            {
                // Part of this batch is stored: report everything this call stored.
                throw new PlayWriteException(total.Add(ex.Stored), ex.InnerException!);
            }
        }

        return total;
    }

    private async Task<InsertResult> WriteBatchAsync(List<Play> batch, CancellationToken cancellationToken)
    {
        var fresh = new List<Play>(batch.Count);
        var nearDuplicates = 0;
        foreach (var userPlays in batch.GroupBy(p => p.UserId, StringComparer.Ordinal))
        {
            var index = await LoadOtherSourceStampsAsync(userPlays.Key, userPlays.ToList(), cancellationToken);
            foreach (var play in userPlays)
            {
                if (index.Count > 0 && IsNearDuplicate(play, index))
                {
                    nearDuplicates++;
                }
                else
                {
                    fresh.Add(play);
                }
            }
        }

        var result = await store.InsertAsync(fresh, cancellationToken);
        return new InsertResult(result.Inserted, result.Duplicates + nearDuplicates);
    }

    private async Task<Dictionary<string, List<PlayStamp>>> LoadOtherSourceStampsAsync(
        string userId,
        List<Play> plays,
        CancellationToken cancellationToken)
    {
        var from = plays.Min(p => p.PlayedAt) - CrossSourceTolerance;
        var to = plays.Max(p => p.PlayedAt) + CrossSourceTolerance + TimeSpan.FromMilliseconds(1);
        var stamps = await store.GetStampsAsync(PlayScope.ForUser(userId, from, to), cancellationToken);
        var index = new Dictionary<string, List<PlayStamp>>(StringComparer.Ordinal);
        foreach (var stamp in stamps)
        {
            if (!index.TryGetValue(stamp.TrackKey, out var list))
            {
                list = [];
                index[stamp.TrackKey] = list;
            }

            list.Add(stamp);
        }

        return index;
    }

    private static bool IsNearDuplicate(Play play, Dictionary<string, List<PlayStamp>> index)
    {
        if (!index.TryGetValue(play.TrackKey, out var stamps))
        {
            return false;
        }

        foreach (var stamp in stamps)
        {
            if (stamp.Source != play.Source && (stamp.PlayedAt - play.PlayedAt).Duration() <= CrossSourceTolerance)
            {
                return true;
            }
        }

        return false;
    }
}
