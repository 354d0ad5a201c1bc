namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/recent</c>: the newest stored plays.</summary>
public sealed record RecentCommand : BotCommand
{
    public override string Name => "recent";
}
