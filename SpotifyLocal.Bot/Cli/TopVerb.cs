using System.Globalization;
using System.Text.Json;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>
/// <c>top &lt;period&gt; [tracks|artists|albums] --user &lt;id&gt; [--limit N] [--minutes] [--json] [--png FILE]</c>:
/// prints a ranked table (or JSON) and optionally writes the chart, so operators and scripts get stats without a chat platform.
/// </summary>
public sealed class TopVerb(StatsService stats, ChartRenderer charts, IUserStore users, IChatLinkStore chatLinks) : ICliVerb
{
    private const int DefaultLimit = 10;

    private const string MinutesSwitch = "--minutes";

    public string Name => "top";

    public string Usage =>
        "top <period> [tracks|artists|albums] --user <spotifyId|platform:chatUserId> [--limit N] [--minutes] [--json] [--png FILE]"
        + "   periods: week, month, year, all, 2026, 2026-11, 2026-11-05, 2026-W45, 2026-01-01..2026-03-31";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(arguments, out var options, out var period, out var kind, out var problem))
        {
            return await CliVerbArguments.RefuseAsync(error, problem, Usage);
        }

        return await CliVerbArguments.ExecuteAsync(error, async () =>
        {
            var (userId, user) = await options.ResolveAsync(users, chatLinks, stats, cancellationToken);
            var parsed = stats.ParsePeriod(period, user?.TimeZone);
            var minutes = options.Switches.Contains(MinutesSwitch);
            var items = await stats.GetTopAsync([userId], parsed, kind, options.Limit ?? DefaultLimit, cancellationToken);
            var userName = CliVerbArguments.DisplayName(userId, user);
            if (options.Json)
            {
                await WriteJsonAsync(output, userId, kind, parsed, items, cancellationToken);
            }
            else
            {
                await WriteTableAsync(output, userName, kind, parsed, items, minutes);
            }

            if (options.PngPath is not null)
            {
                var png = charts.RenderTop(items, kind, new ChartHeader(userName, parsed.Label), minutes ? ChartMeasure.Minutes : ChartMeasure.Plays);
                await options.WritePngAsync(png, output, cancellationToken);
            }

        });
    }

    private static async Task WriteTableAsync(TextWriter output, string userName, TopKind kind, Period period, IReadOnlyList<TopItem> items, bool byMinutes)
    {
        var what = KindName(kind);
        await output.WriteLineAsync($"Top {what} · {userName} · {Describe(period)}");
        if (items.Count == 0)
        {
            await output.WriteLineAsync("No plays in this period.");
            return;
        }

        var withArtist = kind != TopKind.Artists;
        var nameWidth = Math.Min(48, Math.Max(what.Length, items.Max(i => i.Name.Length)));
        var header = $"{"#",3}  {"Plays",7}  {"Minutes",8}  {Capitalize(what[..^1]).PadRight(nameWidth)}";
        await output.WriteLineAsync(withArtist ? header + "  Artist" : header.TrimEnd());
        for (var rank = 0; rank < items.Count; rank++)
        {
            var item = items[rank];
            var minutes = (item.MsPlayed / 60_000d).ToString("N0", CultureInfo.InvariantCulture);
            var name = Fit(item.Name, nameWidth);
            var line = string.Create(CultureInfo.InvariantCulture, $"{rank + 1,3}  {item.Plays,7:N0}  {minutes,8}  {name.PadRight(nameWidth)}");
            await output.WriteLineAsync(withArtist ? line + "  " + item.ArtistName : line.TrimEnd());
        }

        if (byMinutes)
        {
            await output.WriteLineAsync("(ranked by plays; the chart shows minutes)");
        }
    }

    private static async Task WriteJsonAsync(TextWriter output, string userId, TopKind kind, Period period, IReadOnlyList<TopItem> items, CancellationToken cancellationToken)
    {
        var document = new TopVerbOutput(
            userId,
            KindName(kind),
            new TopVerbPeriod(period.Label, period.From, period.To, period.TimeZone.Id),
            items.Select((item, index) => new TopVerbItem(
                index + 1, item.Name, item.ArtistName, item.Plays, item.MsPlayed, item.FirstPlayedAt, item.LastPlayedAt, item.Key)).ToList());
        await output.WriteLineAsync(JsonSerializer.Serialize(document, TopVerbJsonContext.Default.TopVerbOutput).AsMemory(), cancellationToken);
    }

    private static string Describe(Period period)
    {
        if (period.IsAllTime)
        {
            return $"{period.Label} ({period.TimeZone.Id})";
        }

        var last = period.LastLocalDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var first = period.FirstLocalDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"{period.Label} ({first} – {last}, {period.TimeZone.Id})";
    }

    private static string KindName(TopKind kind) => kind switch
    {
        TopKind.Artists => "artists",
        TopKind.Albums => "albums",
        _ => "tracks",
    };

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";

    private static bool TryParse(
        IReadOnlyList<string> arguments, out CliVerbArguments options, out string period, out TopKind kind, out string problem)
    {
        period = string.Empty;
        kind = TopKind.Tracks;
        if (!CliVerbArguments.TryParse(arguments, takesLimit: true, out options, out problem, switches: [MinutesSwitch]))
        {
            return false;
        }

        switch (options.Words)
        {
            case []:
                problem = "Give a period, e.g. month.";
                return false;
            case [var only]:
                period = only;
                return true;
            case [var first, var second] when ParseKind(second) is { } parsedKind:
                (period, kind) = (first, parsedKind);
                return true;
            default:
                // The first word past "<period> [kind]".
                var accepted = ParseKind(options.Words[1]) is null ? 1 : 2;
                problem = $"Unexpected argument \"{options.Words[accepted]}\".";
                return false;
        }
    }

    private static TopKind? ParseKind(string text) => text.ToLowerInvariant() switch
    {
        "tracks" or "track" or "songs" => TopKind.Tracks,
        "artists" or "artist" => TopKind.Artists,
        "albums" or "album" => TopKind.Albums,
        _ => null,
    };
}
