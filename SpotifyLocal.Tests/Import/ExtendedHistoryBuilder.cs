using System.Globalization;
using System.Text.Json.Nodes;

namespace SpotifyLocal.Tests.Import;

/// <summary>
/// Builds rows of an extended streaming history file and keeps its own tally of what each row should become,
/// so tests compare the importer against counts that never went through the reader.
/// </summary>
public sealed class ExtendedHistoryBuilder
{
    private readonly List<JsonObject> _rows = [];
    private DateTimeOffset _next;
    private readonly TimeSpan _step;

    public ExtendedHistoryBuilder(DateTimeOffset start, TimeSpan? step = null)
    {
        _next = start;
        _step = step ?? TimeSpan.FromMinutes(4);
    }

    public int ExpectedPlays { get; private set; }

    public Dictionary<string, long> ExpectedSkips { get; } = new(StringComparer.Ordinal);

    /// <summary>Podcast and audiobook rows that should be stored apart from music plays.</summary>
    public int ExpectedEpisodes { get; private set; }

    /// <summary>Their listening time in all.</summary>
    public long ExpectedEpisodeMs { get; private set; }

    public int Count => _rows.Count;

    public DateTimeOffset First { get; private set; } = DateTimeOffset.MaxValue;

    public DateTimeOffset Last { get; private set; } = DateTimeOffset.MinValue;

    /// <summary>Adds music plays of <paramref name="distinctTracks"/> songs, each played 3 minutes.</summary>
    public ExtendedHistoryBuilder Music(int count, int distinctTracks = 50)
    {
        for (var i = 0; i < count; i++)
        {
            var track = i % distinctTracks;
            Add(Row(_rows.Count, $"Song {track}", $"Artist {track % 7}", $"Album {track % 11}", $"spotify:track:t{track:D6}", 180_000));
            ExpectedPlays++;
        }

        return this;
    }

    /// <summary>Adds one music play of a named song at a fixed time (does not move the clock).</summary>
    public ExtendedHistoryBuilder Play(string track, string artist, string trackUri, DateTimeOffset at, int msPlayed = 180_000, Action<JsonObject>? edit = null)
    {
        var row = Row(_rows.Count, track, artist, "Some Album", trackUri, msPlayed);
        row["ts"] = Ts(at);
        edit?.Invoke(row);
        _rows.Add(row);
        Observe(at);
        if (msPlayed >= 30_000)
        {
            ExpectedPlays++;
        }
        else
        {
            Expect("short");
        }

        return this;
    }

    public ExtendedHistoryBuilder ShortPlays(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Add(Row(_rows.Count, "Skipped Song", "Artist 1", "Album 1", "spotify:track:short1", 29_999));
            Expect("short");
        }

        return this;
    }

    public ExtendedHistoryBuilder Incognito(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var row = Row(_rows.Count, "Secret Song", "Artist 2", "Album 2", "spotify:track:secret", 200_000);
            row["incognito_mode"] = true;
            Add(row);
            Expect("incognito");
        }

        return this;
    }

    public ExtendedHistoryBuilder Podcasts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var row = Row(_rows.Count, null, null, null, null, 1_200_000);
            row["episode_name"] = "Episode " + i;
            row["episode_show_name"] = "A Show";
            row["spotify_episode_uri"] = "spotify:episode:e" + i;
            Add(row);
            ExpectEpisode(1_200_000);
        }

        return this;
    }

    public ExtendedHistoryBuilder Audiobooks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var row = Row(_rows.Count, null, null, null, null, 900_000);
            row["audiobook_title"] = "A Book";
            row["audiobook_uri"] = "spotify:show:book";
            row["audiobook_chapter_uri"] = "spotify:episode:ch" + i;
            row["audiobook_chapter_title"] = "Chapter " + i;
            Add(row);
            ExpectEpisode(900_000);
        }

        return this;
    }

    /// <summary>
    /// Adds one podcast row at a fixed time (does not move the clock); <paramref name="expected"/> is the skip reason it
    /// should get, or null when it should be stored apart.
    /// </summary>
    public ExtendedHistoryBuilder Episode(string show, string episode, string? uri, DateTimeOffset at, int msPlayed, string? expected = null, Action<JsonObject>? edit = null)
    {
        var row = Row(_rows.Count, null, null, null, null, msPlayed);
        row["ts"] = Ts(at);
        row["episode_name"] = episode;
        row["episode_show_name"] = show;
        row["spotify_episode_uri"] = uri;
        edit?.Invoke(row);
        _rows.Add(row);
        Observe(at);
        if (expected is null)
        {
            ExpectEpisode(msPlayed);
        }
        else
        {
            Expect(expected);
        }

        return this;
    }

    /// <summary>Rows with no track metadata (removed or local tracks).</summary>
    public ExtendedHistoryBuilder NoTrack(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Add(Row(_rows.Count, null, null, null, null, 120_000));
            Expect("no-track");
        }

        return this;
    }

    /// <summary>The rows as a JSON array, the way Spotify writes a file.</summary>
    public string ToJson() => new JsonArray([.. _rows.Select(r => (JsonNode)r.DeepClone())]).ToJsonString();

    /// <summary>The rows split into files of at most <paramref name="rowsPerFile"/>, named like Spotify's.</summary>
    public IEnumerable<(string Name, string Json)> ToFiles(int rowsPerFile)
    {
        for (var i = 0; i * rowsPerFile < _rows.Count; i++)
        {
            var chunk = _rows.Skip(i * rowsPerFile).Take(rowsPerFile).Select(r => (JsonNode)r.DeepClone());
            yield return ($"Spotify Extended Streaming History/Streaming_History_Audio_2025-2026_{i}.json", new JsonArray([.. chunk]).ToJsonString());
        }
    }

    private void Add(JsonObject row)
    {
        row["ts"] = Ts(_next);
        Observe(_next);
        _next += _step;
        _rows.Add(row);
    }

    private void Observe(DateTimeOffset at)
    {
        First = at < First ? at : First;
        Last = at > Last ? at : Last;
    }

    private void ExpectEpisode(long msPlayed)
    {
        ExpectedEpisodes++;
        ExpectedEpisodeMs += msPlayed;
    }

    private void Expect(string reason) => ExpectedSkips[reason] = ExpectedSkips.GetValueOrDefault(reason) + 1;

    private static string Ts(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Row(int index, string? track, string? artist, string? album, string? uri, int msPlayed) => new()
    {
        ["ts"] = null,
        ["platform"] = "android",
        ["ms_played"] = msPlayed,
        ["conn_country"] = "DE",
        ["ip_addr"] = "192.0.2." + (index % 250),
        ["master_metadata_track_name"] = track,
        ["master_metadata_album_artist_name"] = artist,
        ["master_metadata_album_album_name"] = album,
        ["spotify_track_uri"] = uri,
        ["episode_name"] = null,
        ["episode_show_name"] = null,
        ["spotify_episode_uri"] = null,
        ["audiobook_title"] = null,
        ["audiobook_uri"] = null,
        ["audiobook_chapter_uri"] = null,
        ["audiobook_chapter_title"] = null,
        ["reason_start"] = "trackdone",
        ["reason_end"] = "trackdone",
        ["shuffle"] = false,
        ["skipped"] = false,
        ["offline"] = false,
        ["offline_timestamp"] = null,
        ["incognito_mode"] = false,
    };
}
