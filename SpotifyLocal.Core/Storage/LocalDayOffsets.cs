namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A time zone's UTC offsets over a range, as the few spans between its offset changes, so a store can put a play on its
/// local calendar day with arithmetic alone (<c>floor((playedAt + offset) / day)</c>) and stay free of time zone rules:
/// SQLite picks the offset with a CASE, MongoDB with a <c>$switch</c>. Exact for every offset, whole quarter hours or not.
/// </summary>
public sealed class LocalDayOffsets
{
    private const long DayMs = PlayDayRollups.DayMs;

    // 0001-01-01 to 1970-01-01 in days: local day numbers count from the Unix epoch.
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    private LocalDayOffsets(IReadOnlyList<UtcOffsetSpan> spans) => Spans = spans;

    /// <summary>The spans, oldest first; the first also applies before its start, the last after.</summary>
    public IReadOnlyList<UtcOffsetSpan> Spans { get; }

    /// <summary>The zone's offsets between two instants (one span per offset change in between).</summary>
    public static LocalDayOffsets For(TimeZoneInfo zone, DateTimeOffset from, DateTimeOffset to)
    {
        var start = from.ToUnixTimeMilliseconds();
        var end = Math.Max(start, to.ToUnixTimeMilliseconds());
        var spans = new List<UtcOffsetSpan> { new(start, OffsetAt(zone, start)) };
        // Offsets change at most a few times a year: probe every 12 hours, then find each change to the millisecond.
        const long step = DayMs / 2;
        for (var probe = start; probe < end;)
        {
            var next = Math.Min(end, probe + step);
            if (OffsetAt(zone, next) != spans[^1].OffsetMs)
            {
                var (low, high) = (probe, next);
                while (high - low > 1)
                {
                    var middle = low + ((high - low) / 2);
                    (low, high) = OffsetAt(zone, middle) == spans[^1].OffsetMs ? (middle, high) : (low, middle);
                }

                spans.Add(new UtcOffsetSpan(high, OffsetAt(zone, high)));
            }

            probe = next;
        }

        return new LocalDayOffsets(spans);
    }

    /// <summary>The offset the stores use for an instant: the last span starting at or before it (else the first).</summary>
    public long OffsetAt(long unixMs)
    {
        var offset = Spans[0].OffsetMs;
        foreach (var span in Spans)
        {
            if (span.FromMs <= unixMs)
            {
                offset = span.OffsetMs;
            }
        }

        return offset;
    }

    /// <summary>The local day number (days since 1970-01-01) the stores compute for an instant.</summary>
    public long DayNumberOf(long unixMs) => FloorDiv(unixMs + OffsetAt(unixMs), DayMs);

    /// <summary>The calendar date of a local day number.</summary>
    public static DateOnly DateOf(long dayNumber) => DateOnly.FromDayNumber(checked((int)(EpochDayNumber + dayNumber)));

    private static long OffsetAt(TimeZoneInfo zone, long unixMs) =>
        (long)zone.GetUtcOffset(DateTimeOffset.FromUnixTimeMilliseconds(unixMs)).TotalMilliseconds;

    private static long FloorDiv(long value, long divisor) => Math.DivRem(value, divisor, out var rest) - (rest < 0 ? 1 : 0);
}
