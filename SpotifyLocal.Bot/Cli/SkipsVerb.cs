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
        string? period = null, user = null, png = null;
        var json = false;
        for (var i = 0; i < arguments.Count; i++)
        {
            switch (arguments[i])
            {
                case "--json":
                    json = true;
                    break;
                case "--user" or "--png" when i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal):
                    (user, png) = arguments[i] == "--user" ? (arguments[++i], png) : (user, arguments[++i]);
                    break;
                case var argument when period is null && !argument.StartsWith("--", StringComparison.Ordinal):
                    period = argument;
                    break;
                default:
                    return await UsageAsync(error, $"Unexpected argument \"{arguments[i]}\".");
            }
        }

        if (period is null || string.IsNullOrWhiteSpace(user))
        {
            return await UsageAsync(error, "Give a period and --user with a Spotify id or platform:chatUserId (e.g. telegram:12345).");
        }

        try
        {
            var userId = await CliUser.ResolveAsync(user, chatLinks, cancellationToken);
            var stored = await users.GetAsync(userId, cancellationToken);
            var parsed = stats.ParsePeriod(period, stored?.TimeZone);
            var report = await skips.GetSkipsAsync(userId, parsed, SkipsCommandHandler.Limit, cancellationToken);
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(ToJson(userId, report), SkipsVerbJsonContext.Default.SkipsVerbOutput).AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(report.PlaysWithSkipData == 0
                    ? $"No skip data in {parsed.Label}: {report.Plays:N0} plays, none from the extended streaming history."
                    : SkipsCommandHandler.Caption(report));
            }

            if (png is not null)
            {
                var name = stored?.DisplayName is { Length: > 0 } displayName ? displayName : userId;
                var directory = Path.GetDirectoryName(Path.GetFullPath(png));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                await File.WriteAllBytesAsync(png, charts.RenderSkips(report, new ChartHeader(name, parsed.Label)), cancellationToken);
            }

            return 0;
        }
        catch (PeriodParseException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (UserFacingException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 1;
        }
    }

    private async Task<int> UsageAsync(TextWriter error, string problem)
    {
        await error.WriteLineAsync(problem);
        await error.WriteLineAsync("Usage: " + Usage);
        return 2;
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
