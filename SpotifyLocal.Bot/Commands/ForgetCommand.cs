namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/forget</c>: delete every stored play and import job of the caller; needs <see cref="Confirmed"/>.</summary>
public sealed record ForgetCommand(bool Confirmed) : BotCommand
{
    public override string Name => "forget";
}
