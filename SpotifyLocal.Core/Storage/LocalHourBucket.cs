namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The <see cref="ListeningBucket"/>s whose slot starts in one local clock hour of a zone: <see cref="LocalHour"/> counts
/// hours since 1970-01-01T00:00 local time (floor((slot start + the zone's offset there) / 1 h)), so a local day is
/// floor(LocalHour / 24) and its hour LocalHour mod 24. Every real offset is a multiple of 15 minutes, so each slot lies
/// in exactly one local hour. Across a DST fall-back two UTC hours share one local hour and are summed.
/// </summary>
public sealed record LocalHourBucket(long LocalHour, int Plays, long MsPlayed, int SkipKnown, int Skipped)
{
    public const long HourMs = 3_600_000;

    /// <summary>The local calendar date of the hour.</summary>
    public DateOnly Date => LocalDayOffsets.DateOf(Math.DivRem(LocalHour, 24, out var rest) - (rest < 0 ? 1 : 0));

    /// <summary>The local hour of day, 0–23.</summary>
    public int HourOfDay => (int)(((LocalHour % 24) + 24) % 24);

    /// <summary>Folds UTC slots into local hours with the zone's offsets (the reference both stores must equal).</summary>
    public static IReadOnlyList<LocalHourBucket> Fold(IEnumerable<ListeningBucket> buckets, LocalDayOffsets offsets) =>
        [.. buckets
            .GroupBy(b =>
            {
                var start = b.StartUtc.ToUnixTimeMilliseconds();
                var local = start + offsets.OffsetAt(start);
                return Math.DivRem(local, HourMs, out var rest) - (rest < 0 ? 1 : 0);
            })
            .OrderBy(g => g.Key)
            .Select(g => new LocalHourBucket(g.Key, g.Sum(b => b.Plays), g.Sum(b => b.MsPlayed), g.Sum(b => b.SkipKnown), g.Sum(b => b.Skipped)))];
}
