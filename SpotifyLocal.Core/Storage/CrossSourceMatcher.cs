namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Recognises one play reported by two sources (tracking, the extended history, account data), one-to-one: a stored
/// or already accepted play absorbs at most one incoming play of another source. Stores call it inside their write
/// (<see cref="IPlayStore.InsertMatchedAsync"/>) so no other writer stores between the decision and the insert.
/// <list type="bullet">
/// <item>Tracked vs. extended history: the same song ending within <see cref="Tolerance"/> (both stamp the end of the
/// stream; reports show them up to ~18 s apart, and two plays of one song end at least 30 s apart).</item>
/// <item>Account data (end cut to the minute) vs. the extended history: the same song ending in that UTC minute
/// (3,294 of 3,295 real plays match so; PROTOCOLS.md, facts of 2026-12-02).</item>
/// <item>Account data vs. tracked: the same song ending in that minute widened by <see cref="Tolerance"/> on both
/// sides, since the API's clock and the export's differ by seconds.</item>
/// </list>
/// Among several candidates the one with the same <c>msPlayed</c> wins, then the nearest in time.
/// </summary>
public static class CrossSourceMatcher
{
    /// <summary>How far apart two sources' timestamps of one play may be.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(25);

    /// <summary>How far around the incoming plays a store must read stored stamps: a minute plus the tolerance, rounded up.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The incoming plays of one user that are neither the same play as a stored one (<paramref name="stored"/>: that
    /// user's stamps within <see cref="Window"/> of them) nor repeated within <paramref name="incoming"/> from another
    /// source. Exact repeats (same time and id) are left in: the store's unique key skips them.
    /// </summary>
    public static List<Play> Unmatched(IReadOnlyList<Play> incoming, IReadOnlyList<PlayStamp> stored)
    {
        var candidates = new Dictionary<string, List<Candidate>>(StringComparer.Ordinal);
        var identities = new HashSet<(DateTimeOffset PlayedAt, string TrackId)>();
        foreach (var stamp in stored)
        {
            Add(candidates, stamp.TrackKey, new Candidate(stamp.PlayedAt, stamp.Source, stamp.MsPlayed));
            identities.Add((stamp.PlayedAt, stamp.TrackId));
        }

        var kept = new List<Play>(incoming.Count);
        var open = new List<Play>(incoming.Count);
        // First pass: stored plays of the same length pair up first (two streams of a song in one minute).
        foreach (var play in incoming.OrderBy(p => p.PlayedAt))
        {
            if (!identities.Add((play.PlayedAt, play.TrackId)))
            {
                // Already stored (or earlier in this batch) under its own identity: the unique key skips it.
                kept.Add(play);
            }
            else if (!TryClaim(play, candidates, sameLengthOnly: true))
            {
                open.Add(play);
            }
        }

        foreach (var play in open)
        {
            if (TryClaim(play, candidates, sameLengthOnly: false))
            {
                continue;
            }

            kept.Add(play);
            Add(candidates, play.TrackKey, new Candidate(play.PlayedAt, play.Source, play.MsPlayed));
        }

        return kept;
    }

    private static bool TryClaim(Play play, Dictionary<string, List<Candidate>> candidates, bool sameLengthOnly)
    {
        if (!candidates.TryGetValue(play.TrackKey, out var list))
        {
            return false;
        }

        Candidate? best = null;
        foreach (var candidate in list)
        {
            if (candidate.Claimed || candidate.Source == play.Source || (sameLengthOnly && candidate.MsPlayed != play.MsPlayed)
                || !Matches(play.Source, play.PlayedAt, candidate.Source, candidate.PlayedAt))
            {
                continue;
            }

            if (best is null || IsBetter(play, candidate, best))
            {
                best = candidate;
            }
        }

        if (best is null)
        {
            return false;
        }

        best.Claimed = true;
        return true;
    }

    private static bool IsBetter(Play play, Candidate candidate, Candidate best)
    {
        var sameLength = candidate.MsPlayed == play.MsPlayed;
        if (sameLength != (best.MsPlayed == play.MsPlayed))
        {
            return sameLength;
        }

        return Distance(play.Source, play.PlayedAt, candidate) < Distance(play.Source, play.PlayedAt, best);
    }

    private static bool Matches(PlaySource a, DateTimeOffset aAt, PlaySource b, DateTimeOffset bAt)
    {
        if (b == PlaySource.AccountData)
        {
            (a, aAt, b, bAt) = (b, bAt, a, aAt);
        }

        if (a != PlaySource.AccountData)
        {
            return (aAt - bAt).Duration() <= Tolerance;
        }

        // a is the account-data play: aAt is the start of its minute.
        var slack = b == PlaySource.Tracked ? Tolerance : TimeSpan.Zero;
        return bAt >= aAt - slack && bAt < aAt + Minute + slack;
    }

    private static TimeSpan Distance(PlaySource source, DateTimeOffset at, Candidate candidate) =>
        (Center(source, at) - Center(candidate.Source, candidate.PlayedAt)).Duration();

    // An account-data play ended somewhere in its minute.
    private static DateTimeOffset Center(PlaySource source, DateTimeOffset at) =>
        source == PlaySource.AccountData ? at + (Minute / 2) : at;

    private static void Add(Dictionary<string, List<Candidate>> candidates, string trackKey, Candidate candidate)
    {
        if (!candidates.TryGetValue(trackKey, out var list))
        {
            list = [];
            candidates[trackKey] = list;
        }

        list.Add(candidate);
    }

    private sealed class Candidate(DateTimeOffset playedAt, PlaySource source, int msPlayed)
    {
        public DateTimeOffset PlayedAt { get; } = playedAt;

        public PlaySource Source { get; } = source;

        public int MsPlayed { get; } = msPlayed;

        public bool Claimed { get; set; }
    }
}
