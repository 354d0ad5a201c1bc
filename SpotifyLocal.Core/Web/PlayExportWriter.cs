using System.Globalization;
using System.Text;
using System.Text.Json;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// Writes a person's plays, or their podcast and audiobook entries, as a download while they are read: CSV (RFC 4180,
/// with cells a spreadsheet would run as a formula neutralised) or JSON, both with every field the store keeps, under the
/// same names. Pure: no store, no HTTP.
/// </summary>
public static class PlayExportWriter
{
    private const int JsonFlushBytes = 32 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private static readonly (string Name, Func<Play, object?> Value)[] Fields =
    [
        ("userId", p => p.UserId),
        ("playedAt", p => Timestamp(p.PlayedAt)),
        ("trackId", p => p.TrackId),
        ("trackName", p => p.TrackName),
        ("artistId", p => p.ArtistId),
        ("artistName", p => p.ArtistName),
        ("albumId", p => p.AlbumId),
        ("albumName", p => p.AlbumName),
        ("durationMs", p => p.DurationMs),
        ("msPlayed", p => p.MsPlayed),
        ("source", p => SourceName(p.Source)),
        ("trackKey", p => p.TrackKey),
        ("artistKey", p => p.ArtistKey),
        ("albumKey", p => p.AlbumKey),
        ("skipped", p => p.Context?.Skipped),
        ("reasonStart", p => p.Context?.ReasonStart),
        ("reasonEnd", p => p.Context?.ReasonEnd),
        ("shuffle", p => p.Context?.Shuffle),
        ("platform", p => p.Context?.Platform),
        ("offline", p => p.Context?.Offline),
    ];

    private static readonly (string Name, Func<EpisodePlay, object?> Value)[] EpisodeFields =
    [
        ("userId", e => e.UserId),
        ("playedAt", e => Timestamp(e.PlayedAt)),
        ("episodeId", e => e.EpisodeId),
        ("episodeName", e => e.EpisodeName),
        ("showName", e => e.ShowName),
        ("kind", e => e.Kind == EpisodeKind.Audiobook ? "audiobook" : "podcast"),
        ("msPlayed", e => e.MsPlayed),
        ("source", e => SourceName(e.Source)),
    ];

    /// <summary>The CSV header and the JSON property names of a play, in order.</summary>
    public static IReadOnlyList<string> Columns { get; } = [.. Fields.Select(f => f.Name)];

    /// <summary>The CSV header and the JSON property names of a podcast or audiobook entry, in order.</summary>
    public static IReadOnlyList<string> EpisodeColumns { get; } = [.. EpisodeFields.Select(f => f.Name)];

    /// <summary>A header row, then one row per play; CRLF line ends; an empty cell is an unknown (null) value.</summary>
    public static Task WriteCsvAsync(IAsyncEnumerable<Play> plays, Stream output, CancellationToken cancellationToken) =>
        WriteCsvAsync(plays, Fields, output, cancellationToken);

    /// <summary>A header row, then one row per podcast or audiobook entry, as <see cref="WriteCsvAsync(IAsyncEnumerable{Play}, Stream, CancellationToken)"/>.</summary>
    public static Task WriteEpisodesCsvAsync(IAsyncEnumerable<EpisodePlay> episodes, Stream output, CancellationToken cancellationToken) =>
        WriteCsvAsync(episodes, EpisodeFields, output, cancellationToken);

    /// <summary><c>{"exportedAt": "…", "plays": [ {…}, … ]}</c>; unknown values are <c>null</c>.</summary>
    public static Task WriteJsonAsync(IAsyncEnumerable<Play> plays, DateTimeOffset exportedAt, Stream output, CancellationToken cancellationToken) =>
        WriteJsonAsync(plays, "plays", Fields, exportedAt, output, cancellationToken);

    /// <summary><c>{"exportedAt": "…", "episodes": [ {…}, … ]}</c>.</summary>
    public static Task WriteEpisodesJsonAsync(IAsyncEnumerable<EpisodePlay> episodes, DateTimeOffset exportedAt, Stream output, CancellationToken cancellationToken) =>
        WriteJsonAsync(episodes, "episodes", EpisodeFields, exportedAt, output, cancellationToken);

    private static async Task WriteCsvAsync<T>(IAsyncEnumerable<T> rows, (string Name, Func<T, object?> Value)[] fields, Stream output, CancellationToken cancellationToken)
    {
        // The writer hands its buffer to the stream whenever it fills, so memory stays one buffer whatever the count.
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 16 * 1024, leaveOpen: true);
        var line = new StringBuilder();
        line.AppendJoin(',', fields.Select(f => f.Name)).Append("\r\n");
        await writer.WriteAsync(line, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                AppendCell(line, Format(fields[i].Value(row)));
            }

            line.Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
        }
    }

    private static async Task WriteJsonAsync<T>(
        IAsyncEnumerable<T> rows, string arrayName, (string Name, Func<T, object?> Value)[] fields, DateTimeOffset exportedAt, Stream output, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("exportedAt", exportedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteStartArray(arrayName);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                switch (value(row))
                {
                    case string text:
                        json.WriteString(name, text);
                        break;
                    case int number:
                        json.WriteNumber(name, number);
                        break;
                    case bool flag:
                        json.WriteBoolean(name, flag);
                        break;
                    default:
                        json.WriteNull(name);
                        break;
                }
            }

            json.WriteEndObject();
            if (json.BytesPending > JsonFlushBytes)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private static void AppendCell(StringBuilder line, string value)
    {
        // OWASP "CSV Injection": a spreadsheet runs a cell starting with = + - @ (or tab, CR) as a formula; a leading ' keeps it text.
        var neutralised = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        if (!neutralised && value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(value);
            return;
        }

        line.Append('"');
        if (neutralised)
        {
            line.Append('\'');
        }

        line.Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string SourceName(PlaySource source) => source switch
    {
        PlaySource.Tracked => "tracked",
        PlaySource.Import => "import",
        PlaySource.AccountData => "accountData",
        _ => source.ToString(),
    };
}
