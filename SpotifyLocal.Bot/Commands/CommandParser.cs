using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// Parses text commands (console, Telegram, button callbacks): <c>/top month artists</c>,
/// <c>/top@MyBot week</c>, <c>/timezone Europe/Berlin</c>… Text comes from chat users (and button data from their
/// clients), so nothing parsed here names a server file: <c>/import</c> only ever asks for an upload.
/// </summary>
public static class CommandParser
{
    public const string DefaultPeriod = Periods.Default;

    /// <summary>One usage line per command, in the order <c>/help</c> lists them.</summary>
    public static readonly IReadOnlyList<(string Name, string Usage, string Description)> Usages =
    [
        ("top", "/top [week|month|year|all|2026|2026-11|from..to] [tracks|artists|albums]", "your top tracks, artists or albums as a chart"),
        ("stats", "/stats [period] [clock]", "totals and listening time per day, or by weekday and hour"),
        ("streaks", "/streaks", "your current and longest daily listening streaks, overall and per artist"),
        ("discoveries", "/discoveries [period] [artists|tracks]", "artists and tracks you first played in the period, by plays since"),
        ("skips", "/skips [period]", "your skip rate, most skipped tracks and skip rate by artist (from the extended history)"),
        ("compare", "/compare @member [period]", "in a Discord server: your taste overlap with a member (both with /visibility on)"),
        ("recap", "/recap [2025|period]", "your year (this year so far, or any period) in one shareable image with the numbers as text"),
        ("podcasts", "/podcasts [period]", "your top podcast shows and episodes by listening time"),
        ("recent", "/recent", "your latest plays"),
        ("import", "/import <your Spotify data-export ZIP>", "add your whole history from Spotify's export"),
        ("link", "/link", "connect Spotify for live tracking"),
        ("unlink", "/unlink", "disconnect Spotify (your plays stay)"),
        ("forget", "/forget", "delete everything stored about you"),
        ("timezone", "/timezone [Europe/Berlin]", "show or set your time zone"),
        ("weekly", "/weekly on|off", "your top artists and tracks of the week, every Monday morning"),
        ("web", "/web", "a personal link to your dashboard, large imports and your data"),
        ("help", "/help", "this list"),
    ];

    /// <summary>What <c>/import</c> with text after it answers, whatever the text (an existing path or not).</summary>
    public const string ImportNeedsUpload = "/import takes no path: send your Spotify export as a file (on Discord, attach it to /import).";

    public static CommandParseResult Parse(string text)
    {
        var parts = text.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !parts[0].StartsWith('/'))
        {
            return CommandParseResult.Fail("Commands start with a slash. Try /help.");
        }

        var name = parts[0][1..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        name = name.ToLowerInvariant();
        var args = parts[1..];
        return name switch
        {
            "start" or "help" => NoArguments(new HelpCommand(), args),
            "link" => ParseLink(args),
            "unlink" => NoArguments(new UnlinkCommand(), args),
            "web" => NoArguments(new WebCommand(), args),
            "recent" => NoArguments(new RecentCommand(), args),
            "forget" => ParseForget(args),
            "top" => ParseTop(args),
            "stats" => ParseStats(args),
            "streaks" => NoArguments(new StreaksCommand(), args),
            "discoveries" => ParseDiscoveries(args),
            "skips" => args.Length <= 1 ? CommandParseResult.Ok(new SkipsCommand(args.Length == 1 ? args[0].ToLowerInvariant() : DefaultPeriod)) : Usage("skips"),
            "compare" => args.Length is 1 or 2
                ? CommandParseResult.Ok(new CompareCommand(CompareCommand.MemberOf(args[0]), args.Length == 2 ? args[1].ToLowerInvariant() : DefaultPeriod))
                : Usage("compare"),
            "recap" => args.Length <= 1 ? CommandParseResult.Ok(new RecapCommand(args.Length == 1 ? args[0].ToLowerInvariant() : null)) : Usage("recap"),
            "podcasts" => args.Length <= 1 ? CommandParseResult.Ok(new PodcastsCommand(args.Length == 1 ? args[0].ToLowerInvariant() : DefaultPeriod)) : Usage("podcasts"),
            "import" => args.Length == 0 ? CommandParseResult.Ok(new ImportCommand(null)) : CommandParseResult.Fail(ImportNeedsUpload),
            "timezone" => args.Length <= 1 ? CommandParseResult.Ok(new TimeZoneCommand(args.Length == 1 ? args[0] : null)) : Usage("timezone"),
            "weekly" => ParseWeekly(args),
            _ => CommandParseResult.Fail($"Unknown command /{name}. Try /help."),
        };
    }

    /// <summary>Commands that only work in a Discord server: listed by /help, left out of the Telegram menu.</summary>
    public static readonly IReadOnlySet<string> ServerOnly = new HashSet<string>(StringComparer.Ordinal) { "compare" };

    public static string UsageOf(string command) => Usages.First(u => u.Name == command).Usage;

    public static bool TryParseKind(string text, out TopKind kind)
    {
        switch (text.ToLowerInvariant())
        {
            case "tracks" or "track" or "songs":
                kind = TopKind.Tracks;
                return true;
            case "artists" or "artist":
                kind = TopKind.Artists;
                return true;
            case "albums" or "album":
                kind = TopKind.Albums;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    /// <summary>The command text that reproduces a /top (for buttons); fits Telegram's 64-byte callback data.</summary>
    public static string TopText(string period, TopKind kind) => $"/top {period} {kind.ToString().ToLowerInvariant()}";

    private static CommandParseResult ParseTop(string[] args) =>
        TryParsePeriodAndKind(args, TopKind.Tracks, out var period, out var kind)
            ? CommandParseResult.Ok(new TopCommand(period, kind))
            : Usage("top");

    private static CommandParseResult ParseStats(string[] args)
    {
        var clock = args.Any(a => a.Equals(StatsCommand.ClockWord, StringComparison.OrdinalIgnoreCase));
        var periods = args.Where(a => !a.Equals(StatsCommand.ClockWord, StringComparison.OrdinalIgnoreCase)).ToList();
        return periods.Count <= 1
            ? CommandParseResult.Ok(new StatsCommand(periods.Count == 1 ? periods[0].ToLowerInvariant() : DefaultPeriod, clock))
            : Usage("stats");
    }

    // Discoveries are of artists or tracks; an album is a discovery of its artist.
    private static CommandParseResult ParseDiscoveries(string[] args) =>
        TryParsePeriodAndKind(args, TopKind.Artists, out var period, out var kind) && kind != TopKind.Albums
            ? CommandParseResult.Ok(new DiscoveriesCommand(period, kind))
            : Usage("discoveries");

    /// <summary>At most one period and one kind (tracks, artists, albums), in either order; the defaults fill what is left out.</summary>
    private static bool TryParsePeriodAndKind(string[] args, TopKind defaultKind, out string period, out TopKind kind)
    {
        period = DefaultPeriod;
        kind = defaultKind;
        var sawPeriod = false;
        var sawKind = false;
        foreach (var arg in args)
        {
            if (!sawKind && TryParseKind(arg, out var parsedKind))
            {
                kind = parsedKind;
                sawKind = true;
            }
            else if (!sawPeriod)
            {
                period = arg.ToLowerInvariant();
                sawPeriod = true;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    private static CommandParseResult ParseForget(string[] args) => args switch
    {
        [] => CommandParseResult.Ok(new ForgetCommand(Confirmed: false)),
        ["confirm"] => CommandParseResult.Ok(new ForgetCommand(Confirmed: true)),
        _ => CommandParseResult.Fail("Usage: /forget (then confirm)"),
    };

    private static CommandParseResult ParseLink(string[] args) => args switch
    {
        [] => CommandParseResult.Ok(new LinkCommand()),
        ["continue"] => CommandParseResult.Ok(new LinkCommand(LinkAction.Continue)),
        ["confirm", var id] => CommandParseResult.Ok(new LinkCommand(LinkAction.Confirm, id)),
        ["cancel", var id] => CommandParseResult.Ok(new LinkCommand(LinkAction.Cancel, id)),
        ["approve", var id] => CommandParseResult.Ok(new LinkCommand(LinkAction.Approve, id)),
        ["refuse", var id] => CommandParseResult.Ok(new LinkCommand(LinkAction.Refuse, id)),
        _ => Usage("link"),
    };

    private static CommandParseResult ParseWeekly(string[] args) => args switch
    {
        [] => CommandParseResult.Ok(new WeeklyCommand(null)),
        [var value] when value.Equals("on", StringComparison.OrdinalIgnoreCase) => CommandParseResult.Ok(new WeeklyCommand(true)),
        [var value] when value.Equals("off", StringComparison.OrdinalIgnoreCase) => CommandParseResult.Ok(new WeeklyCommand(false)),
        _ => Usage("weekly"),
    };

    private static CommandParseResult NoArguments(BotCommand command, string[] args) =>
        args.Length == 0 ? CommandParseResult.Ok(command) : Usage(command.Name);

    private static CommandParseResult Usage(string command) => CommandParseResult.Fail("Usage: " + UsageOf(command));
}
