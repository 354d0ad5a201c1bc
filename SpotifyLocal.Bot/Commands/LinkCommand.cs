namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// <c>/link</c> and its steps: <see cref="LinkAction.Start"/> hands out the authorize link; after agreeing on Spotify's
/// page, <c>/link continue</c> asks "Link Spotify account …?", whose buttons confirm or cancel that consent
/// (<see cref="ConsentId"/>); the identity already holding the account approves or refuses.
/// </summary>
public sealed record LinkCommand(LinkAction Action = LinkAction.Start, string? ConsentId = null) : BotCommand
{
    public override string Name => "link";
}
