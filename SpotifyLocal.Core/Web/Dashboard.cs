using System.Text.Json;
using System.Text.Json.Serialization;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>One row of a dashboard top list: name, artist (tracks and albums), plays and time listened.</summary>
public sealed record DashboardItem(string Name, string? Artist, int Plays, long ListeningMs);

/// <summary>
/// What <c>GET /api/stats/dashboard</c> answers and the page shows: the seed's shape (top tracks, artists,
/// albums, total plays) plus listening time, for one user and period, read through <see cref="StatsService"/>
/// so the numbers are the ones the chat commands give.
/// </summary>
public sealed record Dashboard(
    string Period,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    int TotalPlays,
    long ListeningMs,
    int DistinctTracks,
    int DistinctArtists,
    int DistinctAlbums,
    IReadOnlyList<DashboardItem> TopTracks,
    IReadOnlyList<DashboardItem> TopArtists,
    IReadOnlyList<DashboardItem> TopAlbums)
{
    public const int TopLimit = 10;

    public static async Task<Dashboard> LoadAsync(StatsService stats, string userId, Period period, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> users = [userId];
        var totals = await stats.GetTotalsAsync(users, period, cancellationToken);
        async Task<IReadOnlyList<DashboardItem>> TopAsync(TopKind kind) =>
            (await stats.GetTopAsync(users, period, kind, TopLimit, cancellationToken))
                .Select(i => new DashboardItem(i.Name, i.ArtistName, i.Plays, i.MsPlayed))
                .ToList();

        return new Dashboard(
            period.Label,
            period.From,
            period.To,
            period.TimeZone.Id,
            totals.Plays,
            totals.MsPlayed,
            totals.DistinctTracks,
            totals.DistinctArtists,
            totals.DistinctAlbums,
            await TopAsync(TopKind.Tracks),
            await TopAsync(TopKind.Artists),
            await TopAsync(TopKind.Albums));
    }
}

/// <summary>The JSON error body of the web API.</summary>
public sealed record WebError(string Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Dashboard))]
[JsonSerializable(typeof(WebError))]
internal sealed partial class WebJsonContext : JsonSerializerContext;
