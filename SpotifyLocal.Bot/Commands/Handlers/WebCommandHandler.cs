using SpotifyLocal.Core.Web;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/web: answers privately with a personal link that opens once, within <see cref="WebOptions.LinkLifetime"/>.</summary>
public sealed class WebCommandHandler(WebLinks links, Microsoft.Extensions.Options.IOptions<WebOptions> options) : ICommandHandler<WebCommand>
{
    public Task<BotReply> HandleAsync(WebCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var url = links.CreateLink(context.Caller);
        var minutes = (int)options.Value.LinkLifetime.TotalMinutes;
        return Task.FromResult(new BotReply(
            $"Your personal page (dashboard, imports of any size, your data): {url}\nThe link opens once, within {minutes} minutes, and is yours alone: do not share it.")
        {
            Private = true,
            Buttons = [ReplyButton.Link("Open my page", url)],
        });
    }
}
