using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Tracking;

/// <summary>Turns recently-played items into <see cref="PlaySource.Tracked"/> plays keyed like the export's (<c>spotify:track:ID</c>).</summary>
internal static class TrackedPlays
{
    public static List<Play> From(string userId, IEnumerable<PlayHistoryDto> items, DateTimeOffset? after)
    {
        var plays = new List<Play>();
        foreach (var item in items)
        {
            if (item.Track is not { } track || (after is { } cursor && item.PlayedAt <= cursor))
            {
                continue;
            }

            var trackId = track.Id is { Length: > 0 } id ? "spotify:track:" + id : track.Uri;
            if (trackId is null)
            {
                continue;
            }

            var artist = track.Artists.Count > 0 ? track.Artists[0] : null;
            plays.Add(Play.Create(
                userId,
                trackId,
                track.Name,
                artist?.Id,
                artist?.Name ?? "Unknown artist",
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
