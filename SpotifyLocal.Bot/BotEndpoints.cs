using SpotifyLocal.Core.Web;

namespace SpotifyLocal.Bot;

/// <summary>The HTTP surface of the bot: health, and the Spotify OAuth callback when linking is configured.</summary>
public static class BotEndpoints
{
    /// <summary>Loopback only by default: Spotify accepts <c>http://127.0.0.1:PORT</c> redirect URIs.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8888";

    public static WebApplication MapBotEndpoints(this WebApplication app)
    {
        app.MapSpotifyLocalEndpoints();
        return app;
    }
}
