using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord.Dtos;

namespace SpotifyLocal.Bot.Discord;

/// <summary>
/// Turns an interaction into a platform-neutral command: slash commands from their typed options, buttons from the
/// command text carried in <c>custom_id</c>. <c>/import</c> comes back without a file path: the adapter downloads
/// the attachment first (see <see cref="ImportAttachment"/>).
/// </summary>
public static class DiscordCommandMapper
{
    /// <summary>Commands whose answer only the caller should see; they are deferred as ephemeral.</summary>
    private static readonly HashSet<string> PrivateCommands = ["link", "unlink", "forget", "timezone", "weekly", "visibility", "import", "web"];

    public static CommandParseResult Map(InteractionDto interaction)
    {
        if (interaction.Type == InteractionType.MessageComponent)
        {
            return interaction.Component?.CustomId is { Length: > 0 } text
                ? CommandParser.Parse(text)
                : CommandParseResult.Fail("This button no longer works.");
        }

        var data = interaction.Data;
        if (interaction.Type != InteractionType.ApplicationCommand || data?.Name is null)
        {
            return CommandParseResult.Fail("Unsupported interaction.");
        }

        string? Option(string name) => data.Options?.FirstOrDefault(o => o.Name == name)?.Text;
        var period = Option("period") ?? CommandParser.DefaultPeriod;
        return data.Name switch
        {
            "top" => MapTop(period, Option("type"), Option("user")),
            "stats" => CommandParseResult.Ok(new StatsCommand(period, Option("view") == StatsCommand.ClockWord)),
            "streaks" => CommandParseResult.Ok(new StreaksCommand()),
            "discoveries" => CommandParseResult.Ok(new DiscoveriesCommand(
                period, Option("type") == "tracks" ? Core.Storage.TopKind.Tracks : Core.Storage.TopKind.Artists)),
            "skips" => CommandParseResult.Ok(new SkipsCommand(period)),
            "compare" => Option("member") is { } member
                ? CommandParseResult.Ok(new CompareCommand(member, period, MemberName(data.Resolved, member)))
                : CommandParseResult.Fail("Usage: " + CommandParser.UsageOf("compare")),
            "recap" => CommandParseResult.Ok(new RecapCommand(Option("period")?.Trim() is { Length: > 0 } text ? text.ToLowerInvariant() : null)),
            "podcasts" => CommandParseResult.Ok(new PodcastsCommand(period)),
            "recent" => CommandParseResult.Ok(new RecentCommand()),
            "link" => CommandParseResult.Ok(new LinkCommand()),
            "unlink" => CommandParseResult.Ok(new UnlinkCommand()),
            "web" => CommandParseResult.Ok(new WebCommand()),
            "forget" => CommandParseResult.Ok(new ForgetCommand(Confirmed: false)),
            "help" => CommandParseResult.Ok(new HelpCommand()),
            "timezone" => CommandParseResult.Ok(new TimeZoneCommand(Option("zone"))),
            "weekly" => MapWeekly(interaction.GuildId, Option("channel"), Option("state")),
            "visibility" => TryOnOff(Option("state"), out var visible)
                ? CommandParseResult.Ok(new VisibilityCommand(visible))
                : CommandParseResult.Fail("Usage: /visibility state:on|off"),
            "server" => MapServer(data.Options?.FirstOrDefault()),
            "import" => ImportAttachment(interaction) is null
                ? CommandParseResult.Fail("Attach your Spotify export ZIP to /import (the file option).")
                : CommandParseResult.Ok(new ImportCommand(null)),
            _ => CommandParseResult.Fail($"Unknown command /{data.Name}. Try /help."),
        };
    }

    /// <summary>The file given to <c>/import</c>, looked up by id in the resolved attachments.</summary>
    public static AttachmentDto? ImportAttachment(InteractionDto interaction)
    {
        var id = interaction.Data?.Options?.FirstOrDefault(o => o.Type == ApplicationCommandOptionType.Attachment)?.Text;
        return id is not null && interaction.Data?.Resolved?.Attachments?.TryGetValue(id, out var attachment) == true
            ? attachment
            : null;
    }

    /// <summary>A USER option's member as the server shows them: their nickname there, else their display name.</summary>
    private static string? MemberName(ResolvedDataDto? resolved, string userId) =>
        resolved?.Members?.GetValueOrDefault(userId)?.Nick is { Length: > 0 } nick
            ? nick
            : resolved?.Users?.GetValueOrDefault(userId)?.DisplayName;

    /// <summary>Whether to defer privately, before the handler has said anything.</summary>
    public static bool IsPrivate(InteractionDto interaction) =>
        interaction.Data?.Name is { } name && PrivateCommands.Contains(name);

    // In a server /weekly is the server's post (admins); in a DM it is the caller's private summary.
    private static CommandParseResult MapWeekly(string? guildId, string? channel, string? state)
    {
        if (!TryOnOff(state, out var enabled))
        {
            return CommandParseResult.Fail("Usage: /weekly channel:#stats, or /weekly state:on|off");
        }

        if (guildId is null)
        {
            return channel is null
                ? CommandParseResult.Ok(new WeeklyCommand(enabled))
                : CommandParseResult.Fail("A weekly channel can only be set in a server.");
        }

        return enabled == false && channel is not null
            ? CommandParseResult.Fail("Pick a channel or turn the weekly post off, not both.")
            : CommandParseResult.Ok(new ServerWeeklyCommand(channel, channel is null ? enabled : true));
    }

    private static CommandParseResult MapServer(InteractionOptionDto? subcommand)
    {
        string? Option(string name) => subcommand?.Options?.FirstOrDefault(o => o.Name == name)?.Text;
        switch (subcommand?.Name)
        {
            case "top":
                var kind = Core.Storage.TopKind.Artists;
                if (Option("type") is { } type && !CommandParser.TryParseKind(type, out kind))
                {
                    return CommandParseResult.Fail("Usage: /server top [period] [type]");
                }

                return CommandParseResult.Ok(new ServerTopCommand(Option("period") ?? CommandParser.DefaultPeriod, kind));
            case "timezone":
                return CommandParseResult.Ok(new ServerTimeZoneCommand(Option("zone")));
            default:
                return CommandParseResult.Fail("Usage: /server top [period] [type], /server timezone [zone]");
        }
    }

    /// <summary>"on"/"off" as true/false, not given as null; false when the text is something else.</summary>
    private static bool TryOnOff(string? state, out bool? value)
    {
        value = state switch { "on" => true, "off" => false, _ => null };
        return state is null || value is not null;
    }

    private static CommandParseResult MapTop(string period, string? type, string? user)
    {
        var kind = Core.Storage.TopKind.Tracks;
        if (type is not null && !CommandParser.TryParseKind(type, out kind))
        {
            return CommandParseResult.Fail("Usage: " + CommandParser.UsageOf("top"));
        }

        return CommandParseResult.Ok(new TopCommand(period, kind, user));
    }
}
