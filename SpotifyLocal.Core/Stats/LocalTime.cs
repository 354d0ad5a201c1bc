namespace SpotifyLocal.Core.Stats;

/// <summary>
/// Conversions between local calendar dates in an IANA zone and UTC instants that stay correct on days
/// whose midnight is skipped or repeated by a daylight-saving change.
/// </summary>
public static class LocalTime
{
    /// <summary>The first instant of the local date in the zone (after the gap when midnight does not exist).</summary>
    public static DateTimeOffset StartOfDay(DateOnly date, TimeZoneInfo zone) =>
        FirstInstantAtOrAfter(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);

    /// <summary>The local calendar date of an instant in the zone.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant in the zone for a local wall-clock time as a DateTimeOffset carrying the local offset.</summary>
    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    /// <summary>
    /// The earliest instant whose local wall-clock time is at or after <paramref name="local"/>: the
    /// instant itself for a normal time, its first occurrence for a repeated time, the end of the gap for a
    /// skipped time.
    /// </summary>
    public static DateTimeOffset FirstInstantAtOrAfter(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local))
        {
            var largest = zone.GetAmbiguousTimeOffsets(local).Max();
            return new DateTimeOffset(local - largest, TimeSpan.Zero);
        }

        if (!zone.IsInvalidTime(local))
        {
            return new DateTimeOffset(local - zone.GetUtcOffset(local), TimeSpan.Zero);
        }

        // In a gap: binary-search whole seconds between the two candidate instants for the first whose local time is >= local.
        var before = zone.GetUtcOffset(local.AddDays(-1));
        var after = zone.GetUtcOffset(local.AddDays(1));
        var low = (local - (before > after ? before : after)).Ticks / TimeSpan.TicksPerSecond;
        var high = (local - (before > after ? after : before)).Ticks / TimeSpan.TicksPerSecond;
        while (high - low > 1)
        {
            var middle = low + ((high - low) / 2);
            var instant = new DateTimeOffset(middle * TimeSpan.TicksPerSecond, TimeSpan.Zero);
            if (TimeZoneInfo.ConvertTime(instant, zone).DateTime >= local)
            {
                high = middle;
            }
            else
            {
                low = middle;
            }
        }

        return new DateTimeOffset(high * TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
