namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/server timezone [zone]</c>: show, or (Manage Server only) set, the zone the server's weeks follow.</summary>
public sealed record ServerTimeZoneCommand(string? TimeZoneId) : BotCommand
{
    public override string Name => "server timezone";
}
