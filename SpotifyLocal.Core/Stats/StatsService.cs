using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Stats;

/// <summary>
/// The data behind every stats reply: top lists, totals, listening per local day, the listening clock and
/// recent plays, for one user or several (a server leaderboard), over a <see cref="Period"/>.
/// </summary>
public sealed class StatsService(IPlayStore plays, TimeProvider timeProvider)
{
    /// <summary>The most plays a top list returns.</summary>
    public const int MaxTopLimit = 100;

    /// <summary>Parses what a user typed as a period in their stored time zone (unknown zones read as UTC), ending now.</summary>
    /// <exception cref="PeriodParseException">The text is not a period.</exception>
    public Period ParsePeriod(string? text, string? timeZoneId) =>
        Periods.Parse(text, UserTimeZones.FindOrUtc(timeZoneId), timeProvider.GetUtcNow());

    /// <summary>The top tracks, artists or albums by plays (then time listened), most-played spelling as the name.</summary>
    public Task<IReadOnlyList<TopItem>> GetTopAsync(
        IReadOnlyList<string> userIds, Period period, TopKind kind, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxTopLimit);
        return plays.GetTopAsync(Scope(userIds, period), kind, limit, cancellationToken);
    }

    public Task<ListeningTotals> GetTotalsAsync(IReadOnlyList<string> userIds, Period period, CancellationToken cancellationToken) =>
        plays.GetTotalsAsync(Scope(userIds, period), cancellationToken);

    /// <summary>
    /// Time listened on every local day of the period up to today, days without plays included as zero. For
    /// all time the days run from the first play to the last; a range without a start begins at the first play.
    /// </summary>
    public async Task<IReadOnlyList<DailyListening>> GetDailyListeningAsync(
        IReadOnlyList<string> userIds, Period period, CancellationToken cancellationToken)
    {
        var buckets = await plays.GetListeningBucketsAsync(Scope(userIds, period), cancellationToken);
        var zone = period.TimeZone;
        var byDay = new Dictionary<DateOnly, (int Plays, long Ms)>();
        foreach (var bucket in buckets)
        {
            // Every zone offset is a multiple of 15 minutes, so a whole bucket falls on one local day.
            var day = LocalTime.DateOf(bucket.StartUtc, zone);
            var sum = byDay.GetValueOrDefault(day);
            byDay[day] = (sum.Plays + bucket.Plays, sum.Ms + bucket.MsPlayed);
        }

        // An open start ("..2026-03") begins at PlayScope.Beginning, decades before any play: start at the first play.
        var startsAtFirstPlay = period.IsAllTime || period.From == PlayScope.Beginning;
        if (startsAtFirstPlay && byDay.Count == 0)
        {
            return [];
        }

        DateOnly first, last;
        if (period.IsAllTime)
        {
            first = byDay.Keys.Min();
            last = byDay.Keys.Max();
        }
        else
        {
            var now = timeProvider.GetUtcNow();
            if (period.From > now)
            {
                return [];
            }

            first = startsAtFirstPlay ? byDay.Keys.Min() : period.FirstLocalDay;
            var today = LocalTime.DateOf(now, zone);
            last = period.LastLocalDay < today ? period.LastLocalDay : today;
        }

        var days = new List<DailyListening>(last.DayNumber - first.DayNumber + 1);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var sum = byDay.GetValueOrDefault(day);
            days.Add(new DailyListening(day, sum.Plays, sum.Ms));
        }

        return days;
    }

    /// <summary>Listening by weekday and hour in the period's time zone.</summary>
    public async Task<ListeningClock> GetListeningClockAsync(
        IReadOnlyList<string> userIds, Period period, CancellationToken cancellationToken)
    {
        var buckets = await plays.GetListeningBucketsAsync(Scope(userIds, period), cancellationToken);
        var clock = new ListeningClock();
        foreach (var bucket in buckets)
        {
            var local = LocalTime.ToLocal(bucket.StartUtc, period.TimeZone);
            clock.Add(local.DayOfWeek, local.Hour, bucket.Plays, bucket.MsPlayed);
        }

        return clock;
    }

    /// <summary>The newest plays of a user, newest first.</summary>
    public Task<IReadOnlyList<Play>> GetRecentAsync(string userId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxTopLimit);
        return plays.GetRecentAsync(userId, limit, cancellationToken);
    }

    private static PlayScope Scope(IReadOnlyList<string> userIds, Period period)
    {
        if (userIds.Count == 0)
        {
            throw new ArgumentException("At least one user id is needed.", nameof(userIds));
        }

        return new PlayScope(userIds, period.From, period.To);
    }
}
