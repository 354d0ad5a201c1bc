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
/// <c>discoveries [period] [artists|tracks] --user &lt;id&gt; [--limit N] [--json] [--png FILE]</c>: what the user first played in
/// the period (default: the last 30 days), both lists as text or JSON; the chart shows the kind given (default: artists).
/// </summary>
public sealed class DiscoveriesVerb(
    InsightsService insights, StatsService stats, ChartRenderer charts, IUserStore users, IChatLinkStore chatLinks, IPlayStore plays) : ICliVerb
{
    public string Name => "discoveries";

    public string Usage => "discoveries [period] [artists|tracks] --user <spotifyId|platform:chatUserId> [--limit N] [--json] [--png FILE]";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!CliVerbArguments.TryParse(arguments, takesLimit: true, out var options, out var problem) || !TryWords(options.Words, out var periodText, out var kind, out problem))
        {
            return await CliVerbArguments.RefuseAsync(error, problem, Usage);
        }

        return await CliVerbArguments.ExecuteAsync(error, async () =>
        {
            var (userId, user) = await options.ResolveAsync(users, chatLinks, plays, cancellationToken);
            var period = stats.ParsePeriod(periodText, user?.TimeZone);
            var found = await insights.GetDiscoveriesAsync(userId, period, options.Limit ?? DiscoveriesCommandHandler.Limit, cancellationToken);
            if (options.Json)
            {
                var document = new DiscoveriesVerbOutput(userId, InsightVerbJson.Period(period), InsightVerbJson.List(found.Artists), InsightVerbJson.List(found.Tracks));
                await output.WriteLineAsync(JsonSerializer.Serialize(document, InsightVerbJsonContext.Default.DiscoveriesVerbOutput).AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(DiscoveriesCommandHandler.Caption(found));
            }

            var header = new ChartHeader(CliVerbArguments.DisplayName(userId, user), period.Label);
            await options.WritePngAsync(charts.RenderDiscoveries(kind == TopKind.Tracks ? found.Tracks : found.Artists, kind, header), output, cancellationToken);
        });
    }

    // A period and then a kind, each optional, like the chat command.
    private static bool TryWords(IReadOnlyList<string> words, out string period, out TopKind kind, out string problem)
    {
        period = CommandParser.DefaultPeriod;
        kind = TopKind.Artists;
        problem = string.Empty;
        var sawPeriod = false;
        var sawKind = false;
        foreach (var word in words)
        {
            if (!sawKind && CommandParser.TryParseKind(word, out var parsed) && parsed != TopKind.Albums)
            {
                kind = parsed;
                sawKind = true;
            }
            else if (!sawPeriod && !CommandParser.TryParseKind(word, out _))
            {
                period = word;
                sawPeriod = true;
            }
            else
            {
                problem = $"Unexpected argument \"{word}\".";
                return false;
            }
        }

        return true;
    }
}
