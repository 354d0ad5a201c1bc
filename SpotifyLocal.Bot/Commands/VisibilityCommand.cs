namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/visibility on|off</c>: whether the caller's listening may be shown in this server (null shows it; default off).</summary>
public sealed record VisibilityCommand(bool? Visible) : BotCommand
{
    public override string Name => "visibility";
}
