namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/unlink</c>: drop the caller's Spotify tokens and chat link (plays stay).</summary>
public sealed record UnlinkCommand : BotCommand
{
    public override string Name => "unlink";
}
