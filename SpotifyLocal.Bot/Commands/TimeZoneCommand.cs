namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/timezone [IANA id]</c>: show or set the caller's time zone.</summary>
public sealed record TimeZoneCommand(string? TimeZoneId) : BotCommand
{
    public override string Name => "timezone";
}
