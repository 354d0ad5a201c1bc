namespace SpotifyLocal.Core.Stats;

/// <summary>
/// A stats period: the half-open UTC range [<see cref="From"/>, <see cref="To"/>) whose boundaries were
/// computed in <see cref="TimeZone"/>, with a label for titles ("last 30 days", "November 2026").
/// </summary>
public sealed record Period(string Label, DateTimeOffset From, DateTimeOffset To, TimeZoneInfo TimeZone)
{
    /// <summary>True for "all": the range is open-ended and per-day views follow the data instead.</summary>
    public bool IsAllTime { get; init; }

    /// <summary>The local date of the first instant of the period.</summary>
    public DateOnly FirstLocalDay => LocalTime.DateOf(From, TimeZone);

    /// <summary>The local date of the last instant of the period.</summary>
    public DateOnly LastLocalDay => LocalTime.DateOf(To.AddTicks(-1), TimeZone);
}
