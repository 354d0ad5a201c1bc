using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Builders;

/// <summary>Test-data builder: <c>Plays.For("u1").Starting(t).Every(TimeSpan.FromMinutes(4)).Count(1000).Build()</c>.</summary>
public sealed class Plays
{
    private string _userId;
    private DateTimeOffset _start = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
    private TimeSpan _step = TimeSpan.FromMinutes(4);
    private int _count = 1;
    private int _distinctTracks = 10;
    private int _distinctArtists = 5;
    private PlaySource _source = PlaySource.Import;
    private int _msPlayed = 180_000;

    private Plays(string userId) => _userId = userId;

    public static Plays For(string userId) => new(userId);

    public Plays Starting(DateTimeOffset start) { _start = start; return this; }

    public Plays Every(TimeSpan step) { _step = step; return this; }

    public Plays Count(int count) { _count = count; return this; }

    public Plays Tracks(int distinctTracks, int distinctArtists) { _distinctTracks = distinctTracks; _distinctArtists = distinctArtists; return this; }

    public Plays From(PlaySource source) { _source = source; return this; }

    public Plays MsPlayed(int msPlayed) { _msPlayed = msPlayed; return this; }

    public List<Play> Build()
    {
        var plays = new List<Play>(_count);
        for (var i = 0; i < _count; i++)
        {
            var track = i % _distinctTracks;
            var artist = track % _distinctArtists;
            plays.Add(One(_userId, $"Track {track}", $"Artist {artist}", $"Album {artist}", _start + (_step * i), _source, _msPlayed));
        }

        return plays;
    }

    /// <summary>A single play with the given names; the track id is derived from the names.</summary>
    public static Play One(
        string userId,
        string track,
        string artist,
        string? album,
        DateTimeOffset playedAt,
        PlaySource source = PlaySource.Import,
        int msPlayed = 180_000,
        string? trackId = null) =>
        Play.Create(
            userId,
            trackId ?? $"spotify:track:{Math.Abs(StringComparer.Ordinal.GetHashCode(artist + "/" + track)):x8}",
            track,
            null,
            artist,
            null,
            album,
            playedAt,
            200_000,
            msPlayed,
            source);
}
