namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/link</c>: a private Spotify authorize URL for the caller.</summary>
public sealed record LinkCommand : BotCommand
{
    public override string Name => "link";
}
