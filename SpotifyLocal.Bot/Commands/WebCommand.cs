namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/web</c>: a personal, single-use link to the caller's web page (dashboard and large imports).</summary>
public sealed record WebCommand : BotCommand
{
    public override string Name => "web";

    public const string Text = "/web";
}
