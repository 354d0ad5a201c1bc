using System.Runtime.CompilerServices;
using System.Text.Json;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>Reads <c>Streaming_History_Audio_*.json</c> / <c>endsong_*.json</c> one row at a time.</summary>
internal static class ExtendedHistoryReader
{
    public static async IAsyncEnumerable<ExportRow> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = JsonSerializer.DeserializeAsyncEnumerable(stream, ExportJsonContext.Default.ExtendedStreamDto, cancellationToken);
        await foreach (var dto in rows.ConfigureAwait(false))
        {
            if (dto is null)
            {
                continue;
            }

            yield return new ExportRow(
                PlaySource.Import,
                dto.Ts,
                string.IsNullOrWhiteSpace(dto.TrackUri) ? null : dto.TrackUri,
                string.IsNullOrWhiteSpace(dto.TrackName) ? null : dto.TrackName,
                string.IsNullOrWhiteSpace(dto.ArtistName) ? null : dto.ArtistName,
                dto.AlbumName,
                dto.MsPlayed,
                dto.IncognitoMode == true,
                NotMusic(dto))
            {
                Context = PlayContext.OrNull(
                    dto.Skipped,
                    Text(dto.ReasonStart),
                    Text(dto.ReasonEnd),
                    dto.Shuffle,
                    Text(dto.Platform),
                    dto.Offline),
            };
        }
    }

    // Export text is user-controlled: keep it short and printable like every other stored name.
    private static string? Text(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : UserText.Printable(value.Length > 200 ? value[..200] : value);

    private static string? NotMusic(ExtendedStreamDto dto)
    {
        if (dto.TrackUri is not null)
        {
            return null;
        }

        if (dto.EpisodeUri is not null || dto.EpisodeName is not null)
        {
            return SkipReasons.Podcast;
        }

        return dto.AudiobookUri is not null || dto.AudiobookTitle is not null || dto.AudiobookChapterUri is not null
            ? SkipReasons.Audiobook
            : null;
    }
}
