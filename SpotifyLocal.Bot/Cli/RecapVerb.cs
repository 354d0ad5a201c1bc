using System.Globalization;
using System.Text.Json;
using SpotifyLocal.Bot.Commands.Handlers;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>
/// <c>recap [year|period] --user &lt;id&gt; [--json] [--png FILE]</c>: the /recap summary (this year so far by default) as
/// text or JSON, and optionally its 1080×1920 image.
/// </summary>
public sealed class RecapVerb(RecapService recaps, ChartRenderer charts, IUserStore users, IChatLinkStore chatLinks, IPlayStore plays) : ICliVerb
{
    public string Name => "recap";

    public string Usage => "recap [2025|period] --user <spotifyId|platform:chatUserId> [--json] [--png FILE]   (default: this year so far)";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!CliVerbArguments.TryParse(arguments, takesLimit: false, out var options, out var problem, maxWords: 1))
        {
            return await CliVerbArguments.RefuseAsync(error, problem, Usage);
        }

        return await CliVerbArguments.ExecuteAsync(error, async () =>
        {
            var (userId, user) = await options.ResolveAsync(users, chatLinks, plays, cancellationToken);
            var period = recaps.ParsePeriod(options.Words.Count == 1 ? options.Words[0] : null, user?.TimeZone);
            var recap = await recaps.GetRecapAsync(userId, period, cancellationToken);
            if (options.Json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(Document(userId, recap), InsightVerbJsonContext.Default.RecapVerbOutput).AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteLineAsync(recap.Plays == 0 ? $"No plays in {period.Label}." : RecapCommandHandler.Caption(recap));
            }

            await options.WritePngAsync(charts.RenderRecap(recap, new ChartHeader(CliVerbArguments.DisplayName(userId, user), period.Label)), output, cancellationToken);
        });
    }

    private static RecapVerbOutput Document(string userId, Recap recap)
    {
        var busiestMonth = recap.BusiestMonth;
        var busiestHour = recap.BusiestHour;
        return new RecapVerbOutput(
            userId,
            InsightVerbJson.Period(recap.Period),
            recap.Plays,
            recap.MsPlayed,
            recap.Minutes,
            recap.ListeningDays,
            InsightVerbJson.Streak(recap.LongestStreak),
            busiestMonth is null ? null : Month(busiestMonth),
            busiestHour is { } hour ? new RecapVerbHour(hour, recap.MsPlayedByHour[hour]) : null,
            [.. recap.Months.Select(Month)],
            recap.MsPlayedByHour,
            InsightVerbJson.Items(recap.TopArtists),
            InsightVerbJson.Items(recap.TopTracks),
            InsightVerbJson.Items(recap.TopAlbums),
            InsightVerbJson.List(recap.Discoveries),
            recap.PlaysWithSkipData,
            recap.Skipped,
            recap.SkipShare);
    }

    private static RecapVerbMonth Month(RecapMonth month) =>
        new(month.FirstDay.ToString("yyyy-MM", CultureInfo.InvariantCulture), month.Plays, month.MsPlayed);
}
