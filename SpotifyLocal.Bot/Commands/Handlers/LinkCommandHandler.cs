using SpotifyLocal.Core.Accounts;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/link: a private, single-use Spotify authorize link for the caller.</summary>
public sealed class LinkCommandHandler(LinkService links) : ICommandHandler<LinkCommand>
{
    public Task<BotReply> HandleAsync(LinkCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        // Throws SpotifyNotConfiguredException (a user-facing message) when the owner set up no Spotify app.
        var url = links.CreateLink(context.Caller.Platform, context.Caller.ChatUserId);
        return Task.FromResult(new BotReply(
            "Open this link to connect your Spotify account for live tracking. It works once and expires in 10 minutes. "
            + "Spotify access lasts six months; I'll remind you to /link again before it ends.")
        {
            Private = true,
            Buttons = [ReplyButton.Link("Connect Spotify", url)],
        });
    }
}
