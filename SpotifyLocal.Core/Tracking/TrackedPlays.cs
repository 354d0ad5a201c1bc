using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// Turns recently-played items into <see cref="PlaySource.Tracked"/> plays keyed like the export's
/// (<c>spotify:track:ID</c>; a local file keeps its <c>spotify:local:…</c> URI). Each item stands alone: one that
/// cannot be a play (unreadable, <c>track: null</c>, no id and no URI) is counted as skipped.
/// </summary>
internal static class TrackedPlays
{
    public static List<Play> From(string userId, IEnumerable<PlayHistoryDto?> items, out int skipped)
    {
        var plays = new List<Play>();
        skipped = 0;
        foreach (var item in items)
        {
            if (item?.Track is not { } track)
            {
                skipped++;
                continue;
            }

            var trackId = track.Id is { Length: > 0 } id ? "spotify:track:" + id : track.Uri;
            if (string.IsNullOrEmpty(trackId))
            {
                skipped++;
                continue;
            }

            var artist = track.Artists.Count > 0 ? track.Artists[0] : null;
            plays.Add(Play.Create(
                userId,
                trackId,
                track.Name,
                artist?.Id,
                string.IsNullOrWhiteSpace(artist?.Name) ? "Unknown artist" : artist.Name,
                track.Album?.Id,
                track.Album?.Name,
                item.PlayedAt,
                track.DurationMs,
                // Recently-played does not say how much was heard; a listed play completed, so count its length.
                track.DurationMs,
                PlaySource.Tracked));
        }

        return plays;
    }
}
