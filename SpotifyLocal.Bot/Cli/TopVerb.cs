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

    public string Name => "top";

    public string Usage =>
        "top <period> [tracks|artists|albums] --user <spotifyId|platform:chatUserId> [--limit N] [--minutes] [--json] [--png FILE]"
        + "   periods: week, month, year, all, 2026, 2026-11, 2026-11-05, 2026-W45, 2026-01-01..2026-03-31";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(arguments, out var options, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync("Usage: " + Usage);
            return 2;
        }

        try
        {
            var userId = await CliUser.ResolveAsync(options.User, chatLinks, cancellationToken);
            var user = await users.GetAsync(userId, cancellationToken);
            var period = stats.ParsePeriod(options.Period, user?.TimeZone);
            if (user is null && (await stats.GetTotalsAsync([userId], Periods.AllTime(period.TimeZone), cancellationToken)).Plays == 0)
            {
                throw new UserFacingException($"No user and no plays found for \"{options.User}\".");
            }

            var items = await stats.GetTopAsync([userId], period, options.Kind, options.Limit, cancellationToken);
            var userName = user?.DisplayName is { Length: > 0 } displayName ? displayName : userId;
            if (options.Json)
            {
                await WriteJsonAsync(output, userId, options.Kind, period, items, cancellationToken);
            }
            else
            {
                await WriteTableAsync(output, userName, options.Kind, period, items, options.Minutes);
            }

            if (options.PngPath is { } pngPath)
            {
                var png = charts.RenderTop(items, options.Kind, new ChartHeader(userName, period.Label), options.Minutes ? ChartMeasure.Minutes : ChartMeasure.Plays);
                var directory = Path.GetDirectoryName(Path.GetFullPath(pngPath));
                if (!string.IsNullOrEmpty(directory))
                {
                    Directory.CreateDirectory(directory);
                }

                await File.WriteAllBytesAsync(pngPath, png, cancellationToken);
                if (!options.Json)
                {
                    await output.WriteLineAsync($"Chart written to {pngPath}");
                }
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

    private static bool TryParse(IReadOnlyList<string> arguments, out TopVerbOptions options, out string problem)
    {
        options = new TopVerbOptions();
        problem = string.Empty;
        string? period = null;
        TopKind? kind = null;
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            switch (argument)
            {
                case "--json":
                    options = options with { Json = true };
                    continue;
                case "--minutes":
                    options = options with { Minutes = true };
                    continue;
                case "--user" or "--png" or "--limit":
                    if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        problem = $"{argument} needs a value.";
                        return false;
                    }

                    var value = arguments[++i];
                    if (argument == "--user")
                    {
                        options = options with { User = value };
                    }
                    else if (argument == "--png")
                    {
                        options = options with { PngPath = value };
                    }
                    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= StatsService.MaxTopLimit)
                    {
                        options = options with { Limit = limit };
                    }
                    else
                    {
                        problem = $"--limit must be a number from 1 to {StatsService.MaxTopLimit}.";
                        return false;
                    }

                    continue;
            }

            if (argument.StartsWith("--", StringComparison.Ordinal))
            {
                problem = $"Unknown option {argument}.";
                return false;
            }

            if (period is null)
            {
                period = argument;
            }
            else if (kind is null && ParseKind(argument) is { } parsedKind)
            {
                kind = parsedKind;
            }
            else
            {
                problem = $"Unexpected argument \"{argument}\".";
                return false;
            }
        }

        if (period is null)
        {
            problem = "Give a period, e.g. month.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(options.User))
        {
            problem = "Give --user with a Spotify id or platform:chatUserId (e.g. telegram:12345).";
            return false;
        }

        options = options with { Period = period, Kind = kind ?? TopKind.Tracks };
        return true;
    }

    private static TopKind? ParseKind(string text) => text.ToLowerInvariant() switch
    {
        "tracks" or "track" or "songs" => TopKind.Tracks,
        "artists" or "artist" => TopKind.Artists,
        "albums" or "album" => TopKind.Albums,
        _ => null,
    };

    private sealed record TopVerbOptions
    {
        public string Period { get; init; } = "month";

        public TopKind Kind { get; init; } = TopKind.Tracks;

        public string User { get; init; } = string.Empty;

        public int Limit { get; init; } = DefaultLimit;

        public bool Minutes { get; init; }

        public bool Json { get; init; }

        public string? PngPath { get; init; }
    }
}
