using System.Runtime.CompilerServices;
using System.Text.Json;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// Reads the account-data export's <c>StreamingHistory*.json</c> one row at a time. Each row is one stream: its id
/// (<see cref="AccountDataTrackId.ForStream"/>) holds the song and <c>msPlayed</c>, so two streams of a song ending
/// in the same minute are two plays and only a row repeated in every field collides in the store's unique key.
/// </summary>
internal static class AccountDataHistoryReader
{
    public static async IAsyncEnumerable<ExportRow> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = JsonSerializer.DeserializeAsyncEnumerable(stream, ExportJsonContext.Default.AccountDataStreamDto, cancellationToken);
        await foreach (var dto in rows.ConfigureAwait(false))
        {
            if (dto is null || !AccountDataTime.TryParse(dto.EndTime, out var endTime))
            {
                // The validating pre-pass has already refused files with such rows.
                continue;
            }

            var artist = string.IsNullOrWhiteSpace(dto.ArtistName) ? null : dto.ArtistName;
            var track = string.IsNullOrWhiteSpace(dto.TrackName) ? null : dto.TrackName;
            var trackId = artist is null || track is null ? null : AccountDataTrackId.ForStream(artist, track, dto.MsPlayed);
            yield return new ExportRow(PlaySource.AccountData, endTime, trackId, track, artist, AlbumName: null, dto.MsPlayed, Incognito: false, NotMusic: null);
        }
    }
}
