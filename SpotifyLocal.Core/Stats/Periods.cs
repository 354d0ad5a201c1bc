using System.Globalization;
using System.Text.RegularExpressions;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Stats;

/// <summary>
/// Builds <see cref="Period"/>s in a user's time zone: parses what users type (<c>week</c>, <c>month</c>,
/// <c>year</c>, <c>all</c>, <c>2026</c>, <c>2026-11</c>, <c>2026-11-05</c>, <c>2026-W45</c>, <c>from..to</c>) and
/// gives the calendar weeks (Monday to Sunday) weekly summaries cover.
/// </summary>
public static partial class Periods
{
    /// <summary>The period a command or page without one shows: the last 30 days.</summary>
    public const string Default = "month";

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>
    /// Parses a period. <c>week</c>/<c>month</c>/<c>year</c> are today and the 6/29/364 local days before it,
    /// ending now; calendar forms cover whole local days; in <c>from..to</c> both ends are calendar forms,
    /// the end is included and either side may be left out (<c>2026-03..</c> = since March 2026).
    /// </summary>
    /// <exception cref="PeriodParseException">The text is not a period.</exception>
    public static Period Parse(string? text, TimeZoneInfo zone, DateTimeOffset now)
    {
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            throw new PeriodParseException("No period given. " + PeriodParseException.Help);
        }

        switch (trimmed.ToLowerInvariant())
        {
            case "week":
                return LastDays(7, zone, now);
            case "month":
                return LastDays(30, zone, now);
            case "year":
                return LastDays(365, zone, now);
            case "all":
                return AllTime(zone);
        }

        var range = trimmed.Split("..");
        if (range.Length > 2)
        {
            throw new PeriodParseException($"“{trimmed}” has more than one “..”. " + PeriodParseException.Help);
        }

        if (range.Length == 2)
        {
            return ParseRange(trimmed, range[0].Trim(), range[1].Trim(), zone, now);
        }

        var (first, next, label) = ParseCalendar(trimmed);
        return new Period(label, LocalTime.StartOfDay(first, zone), LocalTime.StartOfDay(next, zone), zone);
    }

    /// <summary>Today and the <paramref name="days"/> − 1 local days before it, ending at <paramref name="now"/>.</summary>
    public static Period LastDays(int days, TimeZoneInfo zone, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        var today = LocalTime.DateOf(now, zone);
        return new Period($"last {days} days", LocalTime.StartOfDay(today.AddDays(1 - days), zone), now, zone);
    }

    /// <summary>Every play ever stored.</summary>
    public static Period AllTime(TimeZoneInfo zone) =>
        new("all time", PlayScope.Beginning, PlayScope.End, zone) { IsAllTime = true };

    /// <summary>The calendar week, Monday 00:00 to the next Monday 00:00 local time, that contains the instant.</summary>
    public static Period WeekContaining(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var day = LocalTime.DateOf(instant, zone);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        return Week(monday, zone);
    }

    /// <summary>The last calendar week (Monday to Sunday, local time) that has fully ended at <paramref name="now"/>.</summary>
    public static Period LastCompletedWeek(DateTimeOffset now, TimeZoneInfo zone) =>
        WeekContaining(WeekContaining(now, zone).From.AddTicks(-1), zone);

    private static Period Week(DateOnly monday, TimeZoneInfo zone)
    {
        var dateTime = monday.ToDateTime(TimeOnly.MinValue);
        var label = string.Create(
            CultureInfo.InvariantCulture,
            $"{ISOWeek.GetYear(dateTime)}-W{ISOWeek.GetWeekOfYear(dateTime):00} ({monday.ToString("d MMM", English)} – {monday.AddDays(6).ToString("d MMM yyyy", English)})");
        return new Period(label, LocalTime.StartOfDay(monday, zone), LocalTime.StartOfDay(monday.AddDays(7), zone), zone);
    }

    private static Period ParseRange(string text, string start, string end, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (start.Length == 0 && end.Length == 0)
        {
            throw new PeriodParseException($"“{text}” has no start and no end. " + PeriodParseException.Help);
        }

        var from = start.Length == 0 ? PlayScope.Beginning : LocalTime.StartOfDay(ParseCalendar(start).First, zone);
        var to = end.Length == 0 ? now : LocalTime.StartOfDay(ParseCalendar(end).Next, zone);
        if (from >= to)
        {
            throw new PeriodParseException($"“{text}” starts after it ends. Put the earlier date first, e.g. 2026-01-01..2026-03-31.");
        }

        var label = (start.Length == 0, end.Length == 0) switch
        {
            (true, _) => $"until {end}",
            (_, true) => $"since {start}",
            _ => $"{start} – {end}",
        };
        return new Period(label, from, to, zone);
    }

    // Returns the first local day, the day after the last local day and a label.
    private static (DateOnly First, DateOnly Next, string Label) ParseCalendar(string text)
    {
        var match = CalendarForm().Match(text);
        if (!match.Success)
        {
            throw new PeriodParseException($"“{text}” is not a period. " + PeriodParseException.Help);
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var earliest = PlayScope.Beginning.Year;
        var latest = PlayScope.End.Year - 1;
        if (year < earliest || year > latest)
        {
            throw new PeriodParseException($"“{text}”: the year must be between {earliest} and {latest}.");
        }

        if (match.Groups["week"].Success)
        {
            var week = int.Parse(match.Groups["week"].Value, CultureInfo.InvariantCulture);
            if (week < 1 || week > ISOWeek.GetWeeksInYear(year))
            {
                throw new PeriodParseException($"“{text}”: {year} has ISO weeks 1 to {ISOWeek.GetWeeksInYear(year)}.");
            }

            var monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
            var sunday = monday.AddDays(6);
            return (monday, monday.AddDays(7), string.Create(
                CultureInfo.InvariantCulture,
                $"{year}-W{week:00} ({monday.ToString("d MMM", English)} – {sunday.ToString("d MMM yyyy", English)})"));
        }

        if (!match.Groups["month"].Success)
        {
            return (new DateOnly(year, 1, 1), new DateOnly(year + 1, 1, 1), year.ToString(CultureInfo.InvariantCulture));
        }

        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12)
        {
            throw new PeriodParseException($"“{text}”: the month must be 01 to 12.");
        }

        var firstOfMonth = new DateOnly(year, month, 1);
        if (!match.Groups["day"].Success)
        {
            return (firstOfMonth, firstOfMonth.AddMonths(1), firstOfMonth.ToString("MMMM yyyy", English));
        }

        var day = int.Parse(match.Groups["day"].Value, CultureInfo.InvariantCulture);
        var daysInMonth = DateTime.DaysInMonth(year, month);
        if (day < 1 || day > daysInMonth)
        {
            throw new PeriodParseException($"“{text}”: {firstOfMonth.ToString("MMMM yyyy", English)} has days 01 to {daysInMonth}.");
        }

        var date = new DateOnly(year, month, day);
        return (date, date.AddDays(1), date.ToString("d MMMM yyyy", English));
    }

    [GeneratedRegex(@"^(?<year>\d{4})(-W(?<week>\d{1,2})|-(?<month>\d{1,2})(-(?<day>\d{1,2}))?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CalendarForm();
}
