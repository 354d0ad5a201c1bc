using System.Globalization;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// Builds a <see cref="Recap"/> of a user's period (by default this calendar year so far, in their time zone) from reads
/// the store already serves: the listening per local hour (15-minute UTC slots folded by the zone's offsets: every offset
/// is a multiple of 15 minutes, so each slot lies in one local day, month and hour; they also carry the skip counts), the
/// top lists and the discoveries from the all-time rollups. They run concurrently.
/// </summary>
public sealed class RecapService(IPlayStore plays, TimeProvider timeProvider)
{
    /// <summary>How many artists, tracks, albums and discoveries a recap lists.</summary>
    public const int TopLimit = 5;

    /// <summary>The period a recap covers: this calendar year so far without text, else any period <see cref="Periods.Parse"/> reads.</summary>
    /// <exception cref="PeriodParseException">The text is not a period.</exception>
    public Period ParsePeriod(string? text, string? timeZoneId)
    {
        var zone = UserTimeZones.FindOrUtc(timeZoneId);
        var now = timeProvider.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(text))
        {
            return Periods.Parse(text, zone, now);
        }

        var year = LocalTime.DateOf(now, zone).Year;
        return new Period(
            string.Create(CultureInfo.InvariantCulture, $"{year} so far"),
            LocalTime.StartOfDay(new DateOnly(year, 1, 1), zone),
            now,
            zone);
    }

    /// <summary>The recap of the user's plays in the period.</summary>
    public async Task<Recap> GetRecapAsync(string userId, Period period, CancellationToken cancellationToken)
    {
        var scope = PlayScope.ForUser(userId, period.From, period.To);
        // On the thread pool: SQLite's async calls complete synchronously, so without it the reads would run one by one.
        var hoursTask = Task.Run(() => plays.GetLocalHoursAsync(scope, period.TimeZone, cancellationToken), cancellationToken);
        var artistsTask = Task.Run(() => plays.GetTopAsync(scope, TopKind.Artists, TopLimit, cancellationToken), cancellationToken);
        var tracksTask = Task.Run(() => plays.GetTopAsync(scope, TopKind.Tracks, TopLimit, cancellationToken), cancellationToken);
        var albumsTask = Task.Run(() => plays.GetTopAsync(scope, TopKind.Albums, TopLimit, cancellationToken), cancellationToken);
        var discoveriesTask = Task.Run(() => plays.GetDiscoveriesAsync(scope, TopKind.Artists, TopLimit, cancellationToken), cancellationToken);
        await Task.WhenAll(hoursTask, artistsTask, tracksTask, albumsTask, discoveriesTask);

        var zone = period.TimeZone;
        var days = new HashSet<DateOnly>();
        var byMonth = new Dictionary<(int Year, int Month), (int Plays, long Ms)>();
        var byHour = new long[24];
        var totalPlays = 0;
        var totalMs = 0L;
        // The skip share counts the plays whose export said (the same plays /skips counts).
        var skipKnown = 0;
        var skipped = 0;
        foreach (var hour in await hoursTask)
        {
            skipKnown += hour.SkipKnown;
            skipped += hour.Skipped;
            var date = hour.Date;
            days.Add(date);
            var month = byMonth.GetValueOrDefault((date.Year, date.Month));
            byMonth[(date.Year, date.Month)] = (month.Plays + hour.Plays, month.Ms + hour.MsPlayed);
            byHour[hour.HourOfDay] += hour.MsPlayed;
            totalPlays += hour.Plays;
            totalMs += hour.MsPlayed;
        }

        var today = LocalTime.DateOf(timeProvider.GetUtcNow(), zone);
        var lastDay = period.LastLocalDay < today ? period.LastLocalDay : today;
        var (_, longest) = DayStreaks.Of(days, lastDay);
        return new Recap(
            period,
            totalPlays,
            totalMs,
            days.Count,
            longest,
            Months(period, days, byMonth, lastDay),
            byHour,
            await artistsTask,
            await tracksTask,
            await albumsTask,
            await discoveriesTask,
            skipKnown,
            skipped);
    }

    // Every month from the period's first (or, for an open start, the first played) to its last up to today, empty ones included.
    private static List<RecapMonth> Months(
        Period period, HashSet<DateOnly> days, Dictionary<(int Year, int Month), (int Plays, long Ms)> byMonth, DateOnly lastDay)
    {
        if (days.Count == 0)
        {
            return [];
        }

        var opensAtFirstPlay = period.IsAllTime || period.From == PlayScope.Beginning;
        var first = opensAtFirstPlay ? days.Min() : period.FirstLocalDay;
        var last = period.IsAllTime ? days.Max() : lastDay;
        var months = new List<RecapMonth>();
        for (var month = new DateOnly(first.Year, first.Month, 1); month <= last; month = month.AddMonths(1))
        {
            var sum = byMonth.GetValueOrDefault((month.Year, month.Month));
            months.Add(new RecapMonth(month.Year, month.Month, sum.Plays, sum.Ms));
        }

        return months;
    }
}
