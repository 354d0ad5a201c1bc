namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/weekly on|off</c>: the caller's private weekly summary (null shows the current setting).</summary>
public sealed record WeeklyCommand(bool? Enabled) : BotCommand
{
    public override string Name => "weekly";
}
