using System.Text.Encodings.Web;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>The small HTML page the browser shows after Spotify's redirect: confirm in the chat, denied, bad state or token error.</summary>
public static class LinkPageRenderer
{
    public static string Render(LinkResult result)
    {
        var (title, body) = result.Outcome switch
        {
            LinkOutcome.AwaitingConfirmation => ("Confirm in the chat", $"Spotify agreed to share <strong>{Encode(result.DisplayName)}</strong>. Nothing is linked yet: go back to {Encode(PlatformName(result.Platform))}, "
                + "press <em>Continue</em> under the /link message (or send <code>/link continue</code>) and confirm the account there within 10 minutes. "
                + "The account goes to the chat account that sent /link: if someone else sent you this link, do not let them confirm it, and remove SpotifyLocal under Apps on your Spotify account page."),
            LinkOutcome.Denied => ("Not linked", Encode(result.Message)),
            LinkOutcome.InvalidState => ("Link expired", Encode(result.Message)),
            LinkOutcome.NotAllowListed => ("Account not allowed", Encode(result.Message)),
            _ => ("Linking failed", Encode(result.Message)),
        };
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>SpotifyLocal – {title}</title>
            <style>body{"{"}font-family:system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;line-height:1.5{"}"}</style></head>
            <body><h1>{title}</h1><p>{body}</p></body>
            </html>
            """;
    }

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);

    private static string PlatformName(string? platform) => platform switch
    {
        ChatIdentity.Discord => "Discord",
        ChatIdentity.Telegram => "Telegram",
        ChatIdentity.Console => "the console",
        _ => "the chat",
    };
}
