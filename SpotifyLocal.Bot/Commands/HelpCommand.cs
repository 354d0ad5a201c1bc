namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/help</c>.</summary>
public sealed record HelpCommand : BotCommand
{
    public override string Name => "help";
}
