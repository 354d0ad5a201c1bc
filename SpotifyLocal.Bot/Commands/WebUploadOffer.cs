using Microsoft.Extensions.Options;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;

namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// Points an import reply at the personal upload page, which takes exports up to <see cref="ImportOptions.MaxFileBytes"/>
/// whatever the chat platform allows: the link in the text (for the console) and as a button; the reply becomes private.
/// </summary>
public sealed class WebUploadOffer(WebLinks links, IOptions<WebOptions> web, IOptions<ImportOptions> import)
{
    public BotReply AddTo(BotReply reply, ChatIdentity caller)
    {
        var url = WebUploadEndpoints.UploadLink(links, caller);
        var minutes = (int)web.Value.LinkLifetime.TotalMinutes;
        return reply with
        {
            Text = $"{reply.Text}\nOr upload it on your personal page, which takes files up to {ByteSizes.Describe(import.Value.MaxFileBytes)}: {url}\n"
                + $"The link opens once, within {minutes} minutes, and is yours alone.",
            Private = true,
            Buttons = [.. reply.Buttons, ReplyButton.Link("Upload on the web", url)],
        };
    }
}
