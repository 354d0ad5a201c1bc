using SpotifyLocal.Core.Web;

namespace SpotifyLocal.Bot;

/// <summary>The HTTP surface of the bot: health, and the Spotify OAuth callback when linking is configured.</summary>
public static class BotEndpoints
{
    /// <summary>Loopback only by default: Spotify accepts <c>http://127.0.0.1:PORT</c> redirect URIs.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8888";

    /// <summary>Any free loopback port: with no Spotify app nothing outside needs to reach the bot.</summary>
    public const string AnyFreePortUrl = "http://127.0.0.1:0";

    /// <summary>
    /// Where to listen when <c>Urls</c> is not set: the port of a loopback redirect URI (so the callback is
    /// served where Spotify sends the browser), <see cref="DefaultUrl"/> behind a proxy for an https redirect
    /// URI, or a free port when linking is off, so the zero-configuration run never fails on a busy port.
    /// </summary>
    public static string ChooseListenUrl(IConfiguration configuration)
    {
        if (!Uri.TryCreate(configuration["Spotify:RedirectUri"], UriKind.Absolute, out var redirect))
        {
            return AnyFreePortUrl;
        }

        return redirect.Scheme == Uri.UriSchemeHttp && redirect.IsLoopback
            ? $"{redirect.Scheme}://{redirect.Authority}"
            : DefaultUrl;
    }

    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapSpotifyLocalEndpoints();
        return app;
    }
}
