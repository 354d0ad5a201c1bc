using System.Text.Json;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Commands.Handlers;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>
/// <c>podcasts [period] --user &lt;id&gt; [--json] [--png FILE]</c>: the user's top podcast shows and episodes by listening
/// time in the period (default: the last 30 days), as the chat reply's text or JSON, optionally with the chart.
/// </summary>
public sealed class PodcastsVerb(
    StatsService stats, PodcastsService podcasts, ChartRenderer charts, IUserStore users, IChatLinkStore chatLinks, IPlayStore plays, IEpisodePlayStore episodes)
    : ICliVerb
{
    public string Name => "podcasts";

    public string Usage => "podcasts [period] --user <spotifyId|platform:chatUserId> [--json] [--png FILE]";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!CliVerbArguments.TryParse(arguments, takesLimit: false, out var options, out var problem, maxWords: 1))
        {
            return await CliVerbArguments.RefuseAsync(error, problem, Usage);
        }

        return await CliVerbArguments.ExecuteAsync(error, async () =>
        {
            var (userId, user) = await options.ResolveAsync(users, chatLinks, HasListeningAsync, cancellationToken);
            var period = stats.ParsePeriod(options.Words.Count == 1 ? options.Words[0] : CommandParser.DefaultPeriod, user?.TimeZone);
            var listening = await podcasts.GetAsync(userId, period, PodcastsCommandHandler.Limit, cancellationToken);
            if (options.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(Document(userId, listening), InsightVerbJsonContext.Default.PodcastsVerbOutput).AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(listening.IsEmpty ? PodcastsCommandHandler.EmptyText(period) : PodcastsCommandHandler.Caption(listening));
            }

            await options.WritePngAsync(charts.RenderPodcasts(listening, new ChartHeader(CliVerbArguments.DisplayName(userId, user), period.Label)), output, cancellationToken);
        });
    }

    // Someone who imported only podcasts is known too.
    private async Task<bool> HasListeningAsync(string userId, CancellationToken cancellationToken) =>
        (await episodes.GetTotalsAsync(PlayScope.AllTime(userId), cancellationToken)).Entries > 0
        || await plays.CountAsync(PlayScope.AllTime(userId), cancellationToken) > 0;

    private static PodcastsVerbOutput Document(string userId, PodcastListening listening) => new(
        userId,
        InsightVerbJson.Period(listening.Period),
        new PodcastsVerbTotals(listening.Totals.Entries, listening.Totals.MsPlayed, listening.Totals.Shows, listening.Totals.Episodes),
        [.. listening.Shows.Select((s, i) => new PodcastsVerbShow(i + 1, s.Name, s.Plays, s.MsPlayed, s.FirstPlayedAt, s.LastPlayedAt))],
        [.. listening.Episodes.Select((e, i) => new PodcastsVerbEpisode(i + 1, e.Name, e.ArtistName, e.Key, e.Plays, e.MsPlayed, e.FirstPlayedAt, e.LastPlayedAt))]);
}
