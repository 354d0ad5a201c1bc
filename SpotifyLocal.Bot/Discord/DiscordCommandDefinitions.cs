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
        Command("forget", "Delete every play and import of yours (asks for confirmation)"),
        Command("top", "Your top tracks, artists or albums",
            Period(),
            new(ApplicationCommandOptionType.String, "type", "What to rank", Choices: TypeChoices),
            new(ApplicationCommandOptionType.User, "user",
                "Another member (only if they made their stats visible in this server)")),
        Command("stats", "Totals and listening time for a period", Period()),
        Command("recent", "Your most recent plays"),
        Command("import", "Import your Spotify data export (the ZIP from Spotify's privacy page)",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.Attachment, "file",
                "The export ZIP (my_spotify_data.zip) or one of its JSON files", Required: true)),
        Command("timezone", "Show or set the time zone your periods are counted in",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "zone",
                "An IANA time zone such as Europe/Berlin (leave out to see yours)")),
        Command("weekly", "Turn your private weekly summary on or off",
            new ApplicationCommandOptionDto(ApplicationCommandOptionType.String, "state", "on or off (leave out to see yours)",
                Choices: [new("on", "on"), new("off", "off")])),
        Command("help", "What this bot can do"),
    ];

    private static ApplicationCommandOptionDto Period() =>
        new(ApplicationCommandOptionType.String, "period", "Which period (default: last 30 days)", Choices: PeriodChoices);

    private static ApplicationCommandDto Command(string name, string description, params ApplicationCommandOptionDto[] options) =>
        new(name, description, options.Length == 0 ? null : options, ServerAndBotDm, GuildInstall);
}
