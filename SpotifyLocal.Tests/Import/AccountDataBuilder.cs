using System.Globalization;
using System.Text.Json.Nodes;

namespace SpotifyLocal.Tests.Import;

/// <summary>Builds rows of the account-data export's <c>StreamingHistory_music_N.json</c>, tallying expectations as it goes.</summary>
public sealed class AccountDataBuilder(DateTimeOffset start, TimeSpan? step = null)
{
    private readonly List<JsonObject> _rows = [];
    private readonly TimeSpan _step = step ?? TimeSpan.FromMinutes(4);
    private DateTimeOffset _next = start;

    public int ExpectedPlays { get; private set; }

    public Dictionary<string, long> ExpectedSkips { get; } = new(StringComparer.Ordinal);

    public int Count => _rows.Count;

    public AccountDataBuilder Music(int count, int distinctTracks = 20)
    {
        for (var i = 0; i < count; i++)
        {
            var track = i % distinctTracks;
            Add($"Artist {track % 5}", $"Song {track}", 200_000);
            ExpectedPlays++;
        }

        return this;
    }

    public AccountDataBuilder ShortPlays(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Add("Artist 1", "Song 1", 5_000);
            ExpectedSkips["short"] = ExpectedSkips.GetValueOrDefault("short") + 1;
        }

        return this;
    }

    /// <summary>Rows whose time falls in an extended history of the same upload (they should be left out).</summary>
    public AccountDataBuilder CoveredByExtended(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Add("Artist 3", "Song 3", 200_000);
            ExpectedSkips["covered-by-extended"] = ExpectedSkips.GetValueOrDefault("covered-by-extended") + 1;
        }

        return this;
    }

    public AccountDataBuilder Row(string artist, string track, DateTimeOffset endTime, int msPlayed)
    {
        _rows.Add(Json(artist, track, endTime, msPlayed));
        if (msPlayed >= 30_000)
        {
            ExpectedPlays++;
        }

        return this;
    }

    public string ToJson() => new JsonArray([.. _rows.Select(r => (JsonNode)r.DeepClone())]).ToJsonString();

    private void Add(string artist, string track, int msPlayed)
    {
        _rows.Add(Json(artist, track, _next, msPlayed));
        _next += _step;
    }

    private static JsonObject Json(string artist, string track, DateTimeOffset endTime, int msPlayed) => new()
    {
        ["endTime"] = endTime.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        ["artistName"] = artist,
        ["trackName"] = track,
        ["msPlayed"] = msPlayed,
    };
}
