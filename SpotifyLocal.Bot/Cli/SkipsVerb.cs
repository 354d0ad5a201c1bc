using System.Text.Json;
using SpotifyLocal.Bot.Commands.Handlers;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>
/// <c>skips &lt;period&gt; --user &lt;id&gt; [--json] [--png FILE]</c>: the skip rate with its coverage, the most skipped
/// tracks and the skip rate by artist, as the chat caption (or JSON), optionally with the chart.
/// </summary>
public sealed class SkipsVerb(StatsService stats, SkipRateService skips, ChartRenderer charts, IUserStore users, IChatLinkStore chatLinks) : ICliVerb
{
    public string Name => "skips";

    public string Usage => "skips <period> --user <spotifyId|platform:chatUserId> [--json] [--png FILE]   periods as for top";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!CliVerbArguments.TryParse(arguments, takesLimit: false, out var options, out var problem, maxWords: 1) || options.Words.Count == 0)
        {
            return await CliVerbArguments.RefuseAsync(error, problem.Length > 0 ? problem : "Give one period, e.g. month.", Usage);
        }

        return await CliVerbArguments.ExecuteAsync(error, async () =>
        {
            var (userId, stored) = await options.ResolveAsync(users, chatLinks, stats, cancellationToken);
            var parsed = stats.ParsePeriod(options.Words[0], stored?.TimeZone);
            var report = await skips.GetSkipsAsync(userId, parsed, SkipsCommandHandler.Limit, cancellationToken);
            if (options.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(ToJson(userId, report), SkipsVerbJsonContext.Default.SkipsVerbOutput).AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(report.PlaysWithSkipData == 0
                    ? $"No skip data in {parsed.Label}: {report.Plays:N0} plays, none from the extended streaming history."
                    : SkipsCommandHandler.Caption(report));
            }

            if (options.PngPath is not null)
            {
                var header = new ChartHeader(CliVerbArguments.DisplayName(userId, stored), parsed.Label);
                await options.WritePngAsync(charts.RenderSkips(report, header), output, cancellationToken);
            }

        });
    }

    private static SkipsVerbOutput ToJson(string userId, SkipReport report) => new(
        userId,
        new TopVerbPeriod(report.Period.Label, report.Period.From, report.Period.To, report.Period.TimeZone.Id),
        report.Plays,
        report.PlaysWithSkipData,
        report.Skipped,
        report.Rate,
        SkipRateService.MinArtistPlays,
        [.. report.Tracks.Select(Row)],
        [.. report.Artists.Select(Row)]);

    private static SkipsVerbRow Row(SkipCount count) => new(count.Name, count.ArtistName, count.Plays, count.Skipped, count.Rate, count.Key);
}
