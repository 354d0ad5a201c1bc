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

            var notMusic = NotMusic(dto);
            yield return new ExportRow(
                PlaySource.Import,
                dto.Ts,
                string.IsNullOrWhiteSpace(dto.TrackUri) ? null : dto.TrackUri,
                string.IsNullOrWhiteSpace(dto.TrackName) ? null : dto.TrackName,
                string.IsNullOrWhiteSpace(dto.ArtistName) ? null : dto.ArtistName,
                dto.AlbumName,
                dto.MsPlayed,
                dto.IncognitoMode == true,
                notMusic)
            {
                Episode = notMusic is null ? null : Episode(dto, notMusic),
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

    /// <summary>
    /// The episode or chapter of a podcast or audiobook row: Spotify's URI as its id (else one made from the names), and
    /// placeholders where the export left a name out, so every such row can be stored and counted.
    /// </summary>
    private static ExportEpisode Episode(ExtendedStreamDto dto, string notMusic)
    {
        var podcast = notMusic == SkipReasons.Podcast;
        var show = Text(podcast ? dto.EpisodeShowName : dto.AudiobookTitle) ?? (podcast ? "Unknown show" : "Unknown audiobook");
        var uri = Text(podcast ? dto.EpisodeUri : dto.AudiobookChapterUri ?? dto.AudiobookUri);
        var name = Text(podcast ? dto.EpisodeName : dto.AudiobookChapterTitle) ?? uri ?? (podcast ? "Unknown episode" : "Unknown chapter");
        return new ExportEpisode(podcast ? EpisodeKind.Podcast : EpisodeKind.Audiobook, uri ?? EpisodePlay.IdFromNames(show, name), name, show);
    }

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
