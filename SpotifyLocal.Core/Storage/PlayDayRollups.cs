namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The per-day rollup rule both backends keep next to the all-time one (<see cref="PlayRollups"/>): each play also adds
/// to one row per kind and UTC calendar day (<see cref="DayOf"/>), keyed like <see cref="PlayRollups.KeysOf"/> plus the
/// day. A range's top list is the sum of the day rows of the whole UTC days inside it plus the raw plays of its two
/// partial edges (<see cref="Split"/>): a period in the user's zone starts and ends at a local midnight or "now", which
/// is rarely a UTC midnight (UTC+5:30, UTC+9:30, a DST switch), so the edges are read from the plays' time index and
/// the answer equals grouping the plays in the range, ties included.
/// </summary>
public static class PlayDayRollups
{
    public const long DayMs = 86_400_000;

    /// <summary>The UTC day number (days since 1970-01-01) of an instant, in whole milliseconds like both backends.</summary>
    public static long DayOf(DateTimeOffset instant) => Math.DivRem(instant.ToUnixTimeMilliseconds(), DayMs, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>
    /// Splits [From, To) into the whole UTC days [FirstDay, EndDay) the day rows answer and the millisecond ranges
    /// [From, DaysFrom) and [DaysTo, To) read from the plays. Null when the range holds no whole UTC day.
    /// </summary>
    public static DaySplit? Split(PlayScope scope)
    {
        var from = scope.From.ToUnixTimeMilliseconds();
        var to = scope.To.ToUnixTimeMilliseconds();
        var firstDay = DayOf(DateTimeOffset.FromUnixTimeMilliseconds(from)) + (from % DayMs == 0 ? 0 : 1);
        var endDay = DayOf(DateTimeOffset.FromUnixTimeMilliseconds(to));
        return firstDay < endDay ? new DaySplit(from, firstDay, endDay, to) : null;
    }

    /// <summary>The day rows of some plays (what the day rollups must hold over every stored play).</summary>
    public static IReadOnlyList<PlayDayRollup> Fold(IEnumerable<Play> plays) =>
        [.. plays.GroupBy(p => DayOf(p.PlayedAt)).SelectMany(day => PlayRollups.Fold(day).Select(row => new PlayDayRollup(day.Key, row)))];
}
