using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// Taste overlap of two people in a period: the weighted Jaccard index of their artist shares. With p(a) and q(a) the
/// share of each one's plays in the period that went to artist a, overlap = Σ min(p, q) / Σ max(p, q) over every artist
/// either played: 1 for the same artists in the same proportions (whatever the volumes), 0 with no artist in common.
/// Shares rather than raw counts, so a heavy listener and a light one with the same taste overlap fully.
/// </summary>
public sealed class TasteOverlapService(IPlayStore plays)
{
    /// <summary>How many of each one's top artists the other never played are listed.</summary>
    public const int OnlyLimit = 5;

    /// <summary>
    /// Compares the two users' artists in the period; <paramref name="limit"/> shared artists, the largest smaller share first.
    /// Reads every artist of both in the period and of the two all-time lists (one row per artist, from the rollups where
    /// they answer), since an overlap from truncated top lists would be wrong for anyone with more artists than the list.
    /// </summary>
    public async Task<TasteComparison> CompareAsync(string userId, string otherUserId, Period period, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var mine = await AllArtistsAsync(PlayScope.ForUser(userId, period.From, period.To), cancellationToken);
        var theirs = await AllArtistsAsync(PlayScope.ForUser(otherUserId, period.From, period.To), cancellationToken);
        long total = mine.Sum(a => a.Plays);
        long otherTotal = theirs.Sum(a => a.Plays);
        var theirsByKey = theirs.ToDictionary(a => a.Key, StringComparer.Ordinal);

        // Exact in integers: p = a/A and q = b/B compare as a·B and b·A, and Σ max = Σ a·B + Σ b·A − Σ min = 2·A·B − Σ min.
        var shared = new List<(TopItem Mine, TopItem Theirs, long Min)>();
        long sumMin = 0;
        foreach (var item in mine)
        {
            if (theirsByKey.TryGetValue(item.Key, out var other))
            {
                var min = Math.Min(item.Plays * otherTotal, other.Plays * total);
                sumMin += min;
                shared.Add((item, other, min));
            }
        }

        var overlap = total == 0 || otherTotal == 0 ? 0 : (double)sumMin / ((2 * total * otherTotal) - sumMin);
        var top = shared
            .OrderByDescending(s => s.Min)
            .ThenByDescending(s => s.Mine.Plays + s.Theirs.Plays)
            .ThenBy(s => s.Mine.Key, StringComparer.Ordinal)
            .Take(limit)
            .Select(s => new SharedArtist(
                s.Mine.Key, s.Mine.Name, s.Mine.Plays, s.Theirs.Plays, (double)s.Mine.Plays / total, (double)s.Theirs.Plays / otherTotal))
            .ToList();
        return new TasteComparison(
            period,
            overlap,
            (int)total,
            (int)otherTotal,
            shared.Count,
            top,
            await NeverPlayedByAsync(mine, otherUserId, cancellationToken),
            await NeverPlayedByAsync(theirs, userId, cancellationToken));
    }

    // The top artists (already ranked by plays) the user has no play of at any time.
    private async Task<IReadOnlyList<TopItem>> NeverPlayedByAsync(IReadOnlyList<TopItem> ranked, string userId, CancellationToken cancellationToken)
    {
        if (ranked.Count == 0)
        {
            return [];
        }

        var known = (await AllArtistsAsync(PlayScope.AllTime(userId), cancellationToken)).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
        return [.. ranked.Where(a => !known.Contains(a.Key)).Take(OnlyLimit)];
    }

    private Task<IReadOnlyList<TopItem>> AllArtistsAsync(PlayScope scope, CancellationToken cancellationToken) =>
        plays.GetTopAsync(scope, TopKind.Artists, int.MaxValue, cancellationToken);
}
