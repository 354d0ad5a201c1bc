namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/streaks</c>: the caller's current and longest daily listening streaks, overall and per artist.</summary>
public sealed record StreaksCommand : BotCommand
{
    public override string Name => "streaks";

    public override bool IsExpensive => true;
}
