using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Builders;

/// <summary>
/// Plays that corner both backends' queries: ties on plays and time (key decides), tying spellings (the smaller
/// name decides), null, empty and (in the Mongo export) missing album names, plays exactly on range and 15-minute
/// bucket edges, repeats, the first instant of "all time" and one before it, the far future, a zero-length play,
/// non-Latin names, and many users with seeded random histories.
/// </summary>
/// <remarks>
/// No tie is decided between a character above U+FFFF and one in U+E000..U+FFFF: mingo orders strings by UTF-16
/// code unit, MongoDB and SQLite by UTF-8 byte (code point), and those are the only characters where they disagree.
/// </remarks>
public static class EdgeCasePlays
{
    public static readonly DateTimeOffset WeekStart = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset WeekEnd = WeekStart.AddDays(7);

    public static readonly IReadOnlyList<string> RandomUsers = [.. Enumerable.Range(3, 10).Select(i => $"u{i}")];

    public static List<Play> Build()
    {
        var plays = new List<Play>();
        var ms = TimeSpan.FromMilliseconds(1);
        var t = WeekStart;

        // u1: ties. Alpha and Beta tie on plays and time (the key orders them), Gamma ties on plays and wins on time.
        plays.AddRange(Repeat("u1", "Alpha", "Band", "Record", t.AddHours(1), 3, 1_000));
        plays.AddRange(Repeat("u1", "Beta", "Band", "Record", t.AddHours(2), 3, 1_000));
        plays.AddRange(Repeat("u1", "Gamma", "Band", "Record", t.AddHours(3), 3, 2_000));
        // Two spellings of one song, two plays each: the smaller name ("Song X") is shown.
        plays.AddRange(Repeat("u1", "song x", "Band", "Record", t.AddHours(4), 2, 5_000));
        plays.AddRange(Repeat("u1", "Song X", "Band", "record", t.AddHours(5), 2, 5_000));
        // Album names: none, empty, and two spellings of one album.
        plays.Add(Plays.One("u1", "No Album", "Solo", null, t.AddHours(6), msPlayed: 9_000));
        plays.Add(Plays.One("u1", "No Album 2", "Solo", null, t.AddHours(6).AddMinutes(5), msPlayed: 9_000));
        plays.Add(Plays.One("u1", "Empty Album", "Solo", string.Empty, t.AddHours(6).AddMinutes(10), msPlayed: 9_000));
        // Range edges: just before, exactly on the start, the last millisecond inside, exactly on the (exclusive) end.
        plays.Add(Plays.One("u1", "Edge", "Edger", "Edges", WeekStart - ms));
        plays.Add(Plays.One("u1", "Edge", "Edger", "Edges", WeekStart));
        plays.Add(Plays.One("u1", "Edge", "Edger", "Edges", WeekEnd - ms));
        plays.Add(Plays.One("u1", "Edge", "Edger", "Edges", WeekEnd));
        // 15-minute bucket edges.
        var slot = t.AddDays(1);
        foreach (var at in (DateTimeOffset[])[slot, slot.AddMinutes(15) - ms, slot.AddMinutes(15), slot.AddMinutes(30) - ms, slot.AddMinutes(30)])
        {
            plays.Add(Plays.One("u1", "Clock", "Ticker", "Time", at, msPlayed: 60_000));
        }

        // A repeat inside the input (same user, time and track: stored once), a zero-length play, non-Latin names.
        plays.Add(Plays.One("u1", "Once", "Band", "Record", t.AddDays(2)));
        plays.Add(Plays.One("u1", "Once", "Band", "Record", t.AddDays(2)));
        plays.Add(Plays.One("u1", "Silence", "Band", "Record", t.AddDays(2).AddMinutes(1), msPlayed: 0));
        plays.Add(Plays.One("u1", "Tracked", "Band", "Record", t.AddDays(3), PlaySource.Tracked));
        plays.Add(Plays.One("u1", "Tracked", "Band", "Record", t.AddDays(3).AddMinutes(4), PlaySource.Tracked));
        plays.Add(Plays.One("u1", "Группа крови", "Кино", "Группа крови", t.AddDays(2).AddMinutes(2)));
        plays.Add(Plays.One("u1", "First Love", "宇多田ヒカル", "First Love", t.AddDays(2).AddMinutes(3)));
        plays.Add(Plays.One("u1", "🎧 Mix", "DJ 🎛", "🎚", t.AddDays(2).AddMinutes(4)));
        // The first instant of all time and the far future: still inside "all time".
        plays.Add(Plays.One("u1", "Millennium", "Band", "Record", PlayScope.Beginning));
        plays.Add(Plays.One("u1", "Future", "Band", "Record", PlayScope.End - ms));

        // u2 shares songs with u1 (leaderboards sum across users; u2's spelling wins the sum) and has one play
        // before the beginning of all time, so its all-time lists can't come from the rollups.
        plays.AddRange(Repeat("u2", "SONG X", "Band", "Record", t.AddHours(7), 3, 5_000));
        plays.AddRange(Repeat("u2", "Alpha", "Band", "Record", t.AddHours(8), 1, 1_000));
        plays.Add(Plays.One("u2", "Ancient", "Band", "Record", PlayScope.Beginning - ms));

        var random = new Random(13);
        string[] artists = ["Band", "Solo", "Кино", "宇多田ヒカル", "Sigur Rós", "Beyoncé", "AC/DC", "The The"];
        foreach (var user in RandomUsers)
        {
            for (var i = 0; i < 200; i++)
            {
                var artist = artists[random.Next(artists.Length)];
                var track = $"Track {random.Next(30)}";
                var album = random.Next(10) switch
                {
                    0 => null,
                    1 => string.Empty,
                    var a => $"Album {a % 4}",
                };
                var at = WeekStart.AddDays(-30) + TimeSpan.FromMinutes(random.Next(60 * 24 * 60));
                var source = random.Next(4) == 0 ? PlaySource.Tracked : PlaySource.Import;
                var play = Plays.One(user, random.Next(8) == 0 ? track.ToUpperInvariant() : track, artist, album, at, source, random.Next(0, 300_000));
                plays.Add(source == PlaySource.Import ? play with { Context = ContextOf(i) } : play);
            }
        }

        return plays;
    }

    // Every shape of export context: all parts known, some missing, skipped true, false and unknown (null context).
    private static PlayContext? ContextOf(int i) => (i % 4) switch
    {
        0 => null,
        1 => new PlayContext(Skipped: true, "clickrow", "fwdbtn", Shuffle: true, "android", Offline: false),
        2 => new PlayContext(Skipped: false, "trackdone", "trackdone", Shuffle: false, "OS X 14.1", Offline: true),
        _ => new PlayContext(Skipped: null, null, "endplay", Shuffle: null, null, Offline: null),
    };

    private static IEnumerable<Play> Repeat(string user, string track, string artist, string? album, DateTimeOffset from, int count, int msPlayed) =>
        Enumerable.Range(0, count).Select(i => Plays.One(user, track, artist, album, from.AddMinutes(i * 4), msPlayed: msPlayed));
}
