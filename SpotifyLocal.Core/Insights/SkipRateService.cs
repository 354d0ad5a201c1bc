using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// Skip rates: skipped plays over the plays that say whether they were skipped (<see cref="PlayContext.Skipped"/> known,
/// i.e. extended-history plays), never over all plays, with the coverage stated. Reads one row per artist and one per
/// track skipped at least once, never one per play.
/// </summary>
public sealed class SkipRateService(IPlayStore plays)
{
    /// <summary>An artist's skip rate is ranked only from this many plays with skip data in the period.</summary>
    public const int MinArtistPlays = 10;

    /// <summary>
    /// The period's skip rate and coverage, the <paramref name="limit"/> most skipped tracks (most skips, then the higher
    /// rate, then key) and the <paramref name="limit"/> artists with the highest rate (then more skips, then key) among
    /// those with at least <see cref="MinArtistPlays"/> plays with skip data.
    /// </summary>
    public async Task<SkipReport> GetSkipsAsync(string userId, Period period, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, StatsService.MaxTopLimit);
        var scope = PlayScope.ForUser(userId, period.From, period.To);
        var total = await plays.CountAsync(scope, cancellationToken);
        // Every play with skip data has exactly one artist, so the artist rows also sum to the period's coverage.
        var artists = await plays.GetSkipCountsAsync(scope, TopKind.Artists, 0, cancellationToken);
        var tracks = await plays.GetSkipCountsAsync(scope, TopKind.Tracks, 1, cancellationToken);
        return new SkipReport(
            period,
            total,
            artists.Sum(a => a.Plays),
            artists.Sum(a => a.Skipped),
            [.. tracks
                .OrderByDescending(t => t.Skipped)
                .ThenByDescending(t => t.Rate)
                .ThenBy(t => t.Key, StringComparer.Ordinal)
                .Take(limit)],
            [.. artists
                .Where(a => a.Plays >= MinArtistPlays)
                .OrderByDescending(a => a.Rate)
                .ThenByDescending(a => a.Skipped)
                .ThenBy(a => a.Key, StringComparer.Ordinal)
                .Take(limit)]);
    }
}
