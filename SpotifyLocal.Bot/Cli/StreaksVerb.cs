using System.Text.Json;
using SpotifyLocal.Bot.Commands.Handlers;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary><c>streaks --user &lt;id&gt; [--json] [--png FILE]</c>: the /streaks summary as text or JSON, and optionally its chart.</summary>
public sealed class StreaksVerb(InsightsService insights, ChartRenderer charts, IUserStore users, IChatLinkStore chatLinks, IPlayStore plays) : ICliVerb
{
    public string Name => "streaks";

    public string Usage => "streaks --user <spotifyId|platform:chatUserId> [--json] [--png FILE]";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!CliVerbArguments.TryParse(arguments, takesLimit: false, out var options, out var problem, maxWords: 0))
        {
            return await CliVerbArguments.RefuseAsync(error, problem, Usage);
        }

        return await CliVerbArguments.ExecuteAsync(error, async () =>
        {
            var (userId, user) = await options.ResolveAsync(users, chatLinks, plays, cancellationToken);
            var streaks = await insights.GetStreaksAsync(userId, UserTimeZones.FindOrUtc(user?.TimeZone), cancellationToken);
            if (options.Json)
            {
                var document = new StreaksVerbOutput(
                    userId,
                    streaks.TimeZoneId,
                    streaks.Today,
                    InsightVerbJson.Streak(streaks.Current),
                    InsightVerbJson.Streak(streaks.Longest),
                    streaks.ListeningDays,
                    streaks.LastListeningDay,
                    [.. streaks.Artists.Select(a => new StreaksVerbArtist(a.ArtistName, a.ArtistKey, InsightVerbJson.Streak(a.Longest)!, InsightVerbJson.Streak(a.Current)))]);
                await output.WriteLineAsync(JsonSerializer.Serialize(document, InsightVerbJsonContext.Default.StreaksVerbOutput).AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(streaks.Longest is null ? "No plays yet, so no streaks." : StreaksCommandHandler.Caption(streaks));
            }

            await options.WritePngAsync(charts.RenderStreaks(streaks, new ChartHeader(CliVerbArguments.DisplayName(userId, user), "all time")), output, cancellationToken);
        });
    }
}
