using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// Insights listeners ask each other for: listening streaks (days in a row, overall and per artist, in the user's time
/// zone) and discoveries (what was first played in a period). Reads stay bounded for a million-play history: the
/// overall streak folds the store's 15-minute slots into local days, per-artist streaks read one row per artist and
/// local day for at most <see cref="StreakArtistCandidates"/> artists, and discoveries come from the all-time rollups.
/// </summary>
public sealed class InsightsService(IPlayStore plays, TimeProvider timeProvider)
{
    /// <summary>How many artists are considered for per-artist streaks: the top artists of all time and of the last 30 days, this many each.</summary>
    public const int StreakArtistCandidates = 20;

    /// <summary>How many per-artist streaks a result lists.</summary>
    public const int ArtistStreakLimit = 10;

    /// <summary>The current and longest daily streaks of a user in the zone, with per-artist streaks.</summary>
    public async Task<ListeningStreaks> GetStreaksAsync(string userId, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var today = LocalTime.DateOf(now, zone);
        var allTime = PlayScope.AllTime(userId);

        // Every zone offset is a multiple of 15 minutes, so each slot lies on one local day.
        var buckets = await plays.GetListeningBucketsAsync(allTime, cancellationToken);
        var days = buckets.Select(b => LocalTime.DateOf(b.StartUtc, zone)).Where(d => d <= today).Distinct().ToList();
        var (current, longest) = DayStreaks.Of(days, today);

        var candidates = new Dictionary<string, TopItem>(StringComparer.Ordinal);
        var recent = Periods.LastDays(30, zone, now);
        foreach (var scope in (PlayScope[])[allTime, PlayScope.ForUser(userId, recent.From, recent.To)])
        {
            foreach (var item in await plays.GetTopAsync(scope, TopKind.Artists, StreakArtistCandidates, cancellationToken))
            {
                candidates.TryAdd(item.Key, item);
            }
        }

        var artists = new List<ArtistStreak>();
        if (candidates.Count > 0 && buckets.Count > 0)
        {
            // The zone's offsets over the whole history (the slots are ordered by time).
            var offsets = LocalDayOffsets.For(zone, buckets[0].StartUtc, buckets[^1].StartUtc + ListeningBucket.Size);
            var artistDays = await plays.GetArtistDaysAsync(allTime, [.. candidates.Keys], offsets, cancellationToken);
            foreach (var group in artistDays.GroupBy(d => d.ArtistKey, StringComparer.Ordinal))
            {
                var (artistCurrent, artistLongest) = DayStreaks.Of(group.Select(d => d.Day), today);
                if (artistLongest is not null)
                {
                    artists.Add(new ArtistStreak(group.Key, candidates[group.Key].Name, artistLongest, artistCurrent));
                }
            }
        }

        var ranked = artists
            .OrderByDescending(a => a.Longest.Days)
            .ThenByDescending(a => a.Current?.Days ?? 0)
            .ThenByDescending(a => a.Longest.Last)
            .ThenBy(a => a.ArtistKey, StringComparer.Ordinal)
            .Take(ArtistStreakLimit)
            .ToList();
        return new ListeningStreaks(today, zone.Id, current, longest, days.Count, days.Count == 0 ? null : days.Max(), ranked);
    }

    /// <summary>The artists and tracks first played in the period (first play ever), the <paramref name="limit"/> most played since of each.</summary>
    public async Task<Discoveries> GetDiscoveriesAsync(string userId, Period period, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, StatsService.MaxTopLimit);
        var scope = PlayScope.ForUser(userId, period.From, period.To);
        var artists = await plays.GetDiscoveriesAsync(scope, TopKind.Artists, limit, cancellationToken);
        var tracks = await plays.GetDiscoveriesAsync(scope, TopKind.Tracks, limit, cancellationToken);
        return new Discoveries(period, artists, tracks);
    }
}
