using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// Writes a deterministic, invented extended-streaming-history ZIP (same seed, same content) shaped like
/// Spotify's: for the demo sample and the import benchmark. Artists are made up, some with non-Latin names;
/// a few rows are podcasts, short skips and private-session plays so every import rule shows up.
/// </summary>
public static class SyntheticExportGenerator
{
    private const string Folder = "Spotify Extended Streaming History/";

    private static readonly string[] Artists =
    [
        "The Paper Lanterns", "Mira Holloway", "Saltmarsh Choir", "Neon Orchard", "Kōri no Mori", "Сёстры Ветра",
        "夜の灯台", "Λευκή Νύχτα", "Los Días Largos", "Quiet Harbour", "Velvet Cartography", "Ola Brzask",
        "Björk Hill Trio", "Amaru & the Tides", "서울의 여름", "Düne Rhythm Club", "Fennel & Frost", "Tigran Arev",
        "Hollow Pines", "Copper Satellites", "Ленинградский Туман", "Jasmine Okafor", "Glass Meridian", "Rue Sauvage",
        "Midnight Cassette", "Aurora Vale", "北風楽団", "Pale Harbor Kings", "Selin Ay", "The Drifting Keys",
    ];

    private static readonly string[] Words =
    [
        "Golden", "River", "Echo", "Paper", "Winter", "Signal", "Orbit", "Velvet", "Harbour", "Lantern", "Static",
        "Summer", "Ghost", "Northern", "Silver", "Wild", "Quiet", "Neon", "Crimson", "Salt", "Hours", "Lights",
        "Garden", "Machine", "Letters", "Horizon", "Dust", "Fever", "Bloom", "Tides",
    ];

    private static readonly string[] Platforms = ["android", "ios", "windows", "osx", "web_player"];

    /// <summary>Writes the ZIP to <paramref name="path"/> and returns what it holds.</summary>
    public static async Task<SyntheticExportSummary> WriteZipAsync(string path, SyntheticExportSettings settings, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var catalogue = BuildCatalogue(random);
        var times = PlayTimes(random, settings);
        var counts = new Counts();
        var files = 0;

        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true);
        await using var archive = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: false);
        for (var offset = 0; offset < times.Length; offset += settings.RowsPerFile)
        {
            var chunk = times.AsMemory(offset, Math.Min(settings.RowsPerFile, times.Length - offset));
            var name = string.Create(
                CultureInfo.InvariantCulture,
                $"{Folder}Streaming_History_Audio_{chunk.Span[0].Year}-{chunk.Span[^1].Year}_{files}.json");
            var entry = archive.CreateEntry(name, CompressionLevel.Optimal);
            entry.LastWriteTime = settings.End;
            await using (var stream = entry.Open())
            {
                await WriteRowsAsync(stream, chunk, random, catalogue, counts, cancellationToken);
            }

            files++;
        }

        var readme = archive.CreateEntry(Folder + "ReadMeFirst_ExtendedStreamingHistory.txt", CompressionLevel.Optimal);
        readme.LastWriteTime = settings.End;
        await using (var stream = readme.Open())
        {
            await stream.WriteAsync("Synthetic SpotifyLocal demo export: invented artists and plays, generated deterministically."u8.ToArray(), cancellationToken);
        }

        return new SyntheticExportSummary(times.Length, counts.Music, counts.Short, counts.Incognito, counts.Podcast, files);
    }

    private static async Task WriteRowsAsync(
        Stream stream,
        ReadOnlyMemory<DateTimeOffset> times,
        Random random,
        Track[] catalogue,
        Counts counts,
        CancellationToken cancellationToken)
    {
        await using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartArray();
        for (var i = 0; i < times.Length; i++)
        {
            WriteRow(writer, times.Span[i], random, catalogue, counts);
            if (writer.BytesPending > 32 * 1024)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        writer.WriteEndArray();
        await writer.FlushAsync(cancellationToken);
    }

    private static void WriteRow(Utf8JsonWriter writer, DateTimeOffset at, Random random, Track[] catalogue, Counts counts)
    {
        var roll = random.NextDouble();
        var podcast = roll < 0.03;
        var incognito = !podcast && roll < 0.04;
        var track = catalogue[Zipf(random, catalogue.Length)];
        var skipped = !podcast && !incognito && random.NextDouble() < 0.08;
        var msPlayed = podcast ? random.Next(300_000, 2_400_000)
            : skipped ? random.Next(500, 29_999)
            : random.NextDouble() < 0.85 ? track.DurationMs : random.Next(30_000, track.DurationMs);

        writer.WriteStartObject();
        writer.WriteString("ts", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        writer.WriteString("platform", Platforms[random.Next(Platforms.Length)]);
        writer.WriteNumber("ms_played", msPlayed);
        writer.WriteString("conn_country", "ZZ");
        writer.WriteString("ip_addr", "192.0.2." + random.Next(1, 255).ToString(CultureInfo.InvariantCulture));
        WriteNullable(writer, "master_metadata_track_name", podcast ? null : track.Name);
        WriteNullable(writer, "master_metadata_album_artist_name", podcast ? null : track.Artist);
        WriteNullable(writer, "master_metadata_album_album_name", podcast ? null : track.Album);
        WriteNullable(writer, "spotify_track_uri", podcast ? null : track.Uri);
        WriteNullable(writer, "episode_name", podcast ? "Episode " + random.Next(1, 300).ToString(CultureInfo.InvariantCulture) : null);
        WriteNullable(writer, "episode_show_name", podcast ? "The Invented Podcast" : null);
        WriteNullable(writer, "spotify_episode_uri", podcast ? "spotify:episode:" + Base62(random, 22) : null);
        writer.WriteNull("audiobook_title");
        writer.WriteNull("audiobook_uri");
        writer.WriteNull("audiobook_chapter_uri");
        writer.WriteNull("audiobook_chapter_title");
        writer.WriteString("reason_start", skipped ? "fwdbtn" : "trackdone");
        writer.WriteString("reason_end", skipped ? "fwdbtn" : "trackdone");
        writer.WriteBoolean("shuffle", random.NextDouble() < 0.4);
        writer.WriteBoolean("skipped", skipped);
        writer.WriteBoolean("offline", false);
        writer.WriteNull("offline_timestamp");
        writer.WriteBoolean("incognito_mode", incognito);
        writer.WriteEndObject();

        if (podcast)
        {
            counts.Podcast++;
        }
        else if (incognito)
        {
            counts.Incognito++;
        }
        else if (msPlayed < 30_000)
        {
            counts.Short++;
        }
        else
        {
            counts.Music++;
        }
    }

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static Track[] BuildCatalogue(Random random)
    {
        var tracks = new List<Track>();
        foreach (var artist in Artists)
        {
            for (var album = 0; album < 2; album++)
            {
                var albumName = Title(random, 2);
                var count = random.Next(6, 12);
                for (var t = 0; t < count; t++)
                {
                    tracks.Add(new Track("spotify:track:" + Base62(random, 22), Title(random, random.Next(1, 4)), artist, albumName, random.Next(120_000, 330_000)));
                }
            }
        }

        // Shuffle so popularity (by position) is spread over artists.
        var array = tracks.ToArray();
        random.Shuffle(array);
        return array;
    }

    /// <summary>Play end times over the period, denser in the evening, strictly increasing (one stream at a time).</summary>
    private static DateTimeOffset[] PlayTimes(Random random, SyntheticExportSettings settings)
    {
        var start = settings.End - settings.Span;
        var seconds = (long)settings.Span.TotalSeconds;
        var times = new long[settings.Rows];
        for (var i = 0; i < times.Length; i++)
        {
            var at = random.NextInt64(seconds);
            // Fold some daytime plays into the evening: listening peaks after work.
            var secondOfDay = at % 86_400;
            if (secondOfDay < 7 * 3600 && random.NextDouble() < 0.7)
            {
                at += 12 * 3600;
            }

            times[i] = Math.Min(at, seconds - 1);
        }

        Array.Sort(times);
        var result = new DateTimeOffset[times.Length];
        var previous = long.MinValue;
        for (var i = 0; i < times.Length; i++)
        {
            var at = Math.Max(times[i], previous + 31);
            previous = at;
            result[i] = start.AddSeconds(at);
        }

        return result;
    }

    private static int Zipf(Random random, int count)
    {
        // Roughly Zipf-like: squaring a uniform draw favours the first tracks of the shuffled catalogue.
        var u = random.NextDouble();
        return (int)(u * u * u * count);
    }

    private static string Title(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));

    private static string Base62(Random random, int length)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[r.Next(alphabet.Length)];
            }
        });
    }

    private sealed record Track(string Uri, string Name, string Artist, string Album, int DurationMs);

    private sealed class Counts
    {
        public int Music { get; set; }

        public int Short { get; set; }

        public int Incognito { get; set; }

        public int Podcast { get; set; }
    }
}
