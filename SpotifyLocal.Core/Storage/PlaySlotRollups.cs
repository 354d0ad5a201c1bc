namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The slot rollup rule: each play adds to one row per user and 15-minute UTC slot (<see cref="SlotOf"/>, the
/// <see cref="ListeningBucket"/> it falls in): plays, time, plays with skip data and skips. A range's buckets are the
/// rows of its whole slots plus the plays of its partial edge slots (<see cref="Split"/>), so listening per day, the
/// listening clock, streaks and the recap read one row per 15 minutes instead of one per play.
/// </summary>
public static class PlaySlotRollups
{
    /// <summary>The slot number (slots since 1970-01-01T00:00Z) of an instant, in whole milliseconds like both backends.</summary>
    public static long SlotOf(DateTimeOffset instant) => Math.DivRem(instant.ToUnixTimeMilliseconds(), ListeningBucket.SizeMs, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>
    /// Splits [From, To) into the whole slots [FirstSlot, EndSlot) the rows answer and the millisecond ranges before and
    /// after them read from the plays; without a whole slot every play comes from the plays.
    /// </summary>
    public static SlotSplit Split(PlayScope scope)
    {
        var from = scope.From.ToUnixTimeMilliseconds();
        var to = scope.To.ToUnixTimeMilliseconds();
        var firstSlot = SlotOf(scope.From) + (from % ListeningBucket.SizeMs == 0 ? 0 : 1);
        return new SlotSplit(from, firstSlot, SlotOf(scope.To), to);
    }

    /// <summary>The buckets of some plays per user (what the slot rows must hold over every stored play).</summary>
    public static IReadOnlyList<(string UserId, ListeningBucket Bucket)> Fold(IEnumerable<Play> plays) =>
        [.. plays.GroupBy(p => (p.UserId, Slot: SlotOf(p.PlayedAt))).Select(slot => (slot.Key.UserId, new ListeningBucket(
            DateTimeOffset.FromUnixTimeMilliseconds(slot.Key.Slot * ListeningBucket.SizeMs),
            slot.Count(),
            slot.Sum(p => (long)p.MsPlayed),
            slot.Count(p => p.Context?.Skipped is not null),
            slot.Count(p => p.Context?.Skipped == true))))];
}

/// <summary>
/// A range cut at slot edges: rows of the whole slots [FirstSlot, EndSlot) (none when FirstSlot ≥ EndSlot), plays in
/// [FromMs, SlotsFromMs) and [SlotsToMs, ToMs). Without a whole slot the first edge is the whole range.
/// </summary>
public sealed record SlotSplit(long FromMs, long FirstSlot, long EndSlot, long ToMs)
{
    public long SlotsFromMs => Math.Min(FirstSlot * ListeningBucket.SizeMs, ToMs);

    public long SlotsToMs => Math.Max(EndSlot * ListeningBucket.SizeMs, SlotsFromMs);
}
