using SpotifyLocal.Bot.Discord.Dtos;

namespace SpotifyLocal.Bot.Discord;

/// <summary>
/// The slash commands the bot registers, as data: every chat-layer command with typed options, usable in servers and
/// in DMs with the bot (contexts 0 and 1, guild install).
/// </summary>
public static class DiscordCommandDefinitions
{
    /// <summary>Interaction contexts: 0 = server, 1 = DM with the bot.</summary>
    private static readonly IReadOnlyList<int> ServerAndBotDm = [0, 1];

    /// <summary>Interaction contexts: 0 = server only.</summary>
    private static readonly IReadOnlyList<int> ServerOnly = [0];

    /// <summary>Channel types a weekly summary can go to: 0 = text, 5 = announcement.</summary>
    private static readonly IReadOnlyList<int> TextChannels = [0, 5];

    /// <summary>Installation types: 0 = installed to a server.</summary>
    private static readonly IReadOnlyList<int> GuildInstall = [0];

    /// <summary>The period choices every stats command offers.</summary>
    public static IReadOnlyList<ApplicationCommandChoiceDto> PeriodChoices { get; } =
    [
        new("last 7 days", "week"),
        new("last 30 days", "month"),
        new("last 365 days", "year"),
        new("all time", "all"),
    ];

    /// <summary>What a top list ranks.</summary>
    public static IReadOnlyList<ApplicationCommandChoiceDto> TypeChoices { get; } =
    [
        new("tracks", "tracks"),
        new("artists", "artists"),
        new("albums", "albums"),
    ];

    /// <summary>All commands, for <c>PUT /applications/{id}/commands</c>.</summary>
    public static IReadOnlyList<ApplicationCommandDto> All { get; } =
    [
        Command("link", "Connect your Spotify account so your plays are recorded"),
        Command("unlink", "Disconnect your Spotify account (your stored plays stay)"),
        Command("web", "A personal link to your dashboard, large imports and your data"),
        Command("forget", "Delete everything stored about you (asks for confirmation)"),
        Command("top", "Your top tracks, artists or albums",
            Period(),
            new(ApplicationCommandOptionType.String, "type", "What to rank", Choices: TypeChoices),
            new(ApplicationCommandOptionType.User, "user",
                "Another member (only if they made their stats visible in this server)")),
        Command("stats", "Totals and listening time for a period", Period(),
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "view", "Per day (default) or the listening clock",
                Choices: [new("per day", "days"), new("listening clock", "clock")])),
        Command("streaks", "Your current and longest daily listening streaks, overall and per artist"),
        Command("discoveries", "Artists and tracks you first played in a period, by plays since", Period(),
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "type", "Which discoveries the chart shows",
                Choices: [new("artists", "artists"), new("tracks", "tracks")])),
        Command("skips", "Your skip rate, most skipped tracks and skip rate by artist (extended-history plays)", Period()),
        ServerCommand("compare", "Your taste overlap with a member (both with /visibility on here)",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.User, "member", "Who to compare with", Required: true),
            Period()),
        Command("recap", "Your year in one shareable image: minutes, days, streak, top 5s, discoveries",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "period",
                "A year such as 2025, or any period such as 2026-03 or 2025-06..2025-08 (default: this year so far)")),
        Command("podcasts", "Your top podcast shows and episodes by listening time", Period()),
        Command("recent", "Your most recent plays"),
        Command("import", "Import your Spotify data export (the ZIP from Spotify's privacy page)",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.Attachment, "file",
                "The export ZIP (my_spotify_data.zip) or one of its JSON files", Required: true)),
        Command("timezone", "Show or set the time zone your periods are counted in",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "zone",
                "An IANA time zone such as Europe/Berlin (leave out to see yours)")),
        Command("weekly", "Server admins: post a weekly summary in a channel (in a DM: your private summary)",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.Channel, "channel",
                "Where the server's weekly summary goes (needs Manage Server)", ChannelTypes: TextChannels),
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "state", "on or off (leave out to see the setting)",
                Choices: [new("on", "on"), new("off", "off")])),
        ServerCommand("visibility", "Let this server see your listening (leaderboards, weekly post, /top user:)",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "state", "on or off (default: off)",
                Choices: [new("on", "on"), new("off", "off")])),
        ServerCommand("server", "This server's leaderboard and settings",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.SubCommand, "top",
                "Top artists, tracks or albums of the members who turned on /visibility",
                Options: [Period(), new(ApplicationCommandOptionType.String, "type", "What to rank", Choices: TypeChoices)]),
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.SubCommand, "timezone",
                "Show or (Manage Server) set the time zone the server's weeks follow",
                Options: [new(ApplicationCommandOptionType.String, "zone", "An IANA time zone such as Europe/Berlin")])),
        Command("help", "What this bot can do"),
    ];

    private static ApplicationCommandOptionDto Period() =>
        new(ApplicationCommandOptionType.String, "period", "Which period (default: last 30 days)", Choices: PeriodChoices);

    private static ApplicationCommandDto ServerCommand(string name, string description, params ApplicationCommandOptionDto[] options) =>
        new(name, description, options, ServerOnly, GuildInstall);

    private static ApplicationCommandDto Command(string name, string description, params ApplicationCommandOptionDto[] options) =>
        new(name, description, options.Length == 0 ? null : options, ServerAndBotDm, GuildInstall);
}
