using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// /podcasts: the podcast episodes and audiobook chapters a user listened to in a period (its edges in the user's time
/// zone), read from <see cref="IEpisodePlayStore"/> only, so music stats and this never mix.
/// </summary>
public sealed class PodcastsService(IEpisodePlayStore episodes)
{
    /// <summary>The totals and the <paramref name="limit"/> top shows and episodes by listening time.</summary>
    public async Task<PodcastListening> GetAsync(string userId, Period period, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, StatsService.MaxTopLimit);
        var scope = PlayScope.ForUser(userId, period.From, period.To);
        var totals = await episodes.GetTotalsAsync(scope, cancellationToken);
        if (totals.Entries == 0)
        {
            return new PodcastListening(period, totals, [], []);
        }

        var shows = await episodes.GetTopShowsAsync(scope, limit, cancellationToken);
        var top = await episodes.GetTopEpisodesAsync(scope, limit, cancellationToken);
        return new PodcastListening(period, totals, shows, top);
    }
}
