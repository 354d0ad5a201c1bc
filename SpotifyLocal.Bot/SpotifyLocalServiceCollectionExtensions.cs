using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Console;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;

namespace SpotifyLocal.Bot;

/// <summary>The table of contents of the bot: one line per feature.</summary>
public static class SpotifyLocalServiceCollectionExtensions
{
    public static IServiceCollection AddSpotifyLocal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddSpotify(configuration);
        services.AddAccounts(configuration);
        services.AddTracking(configuration);
        services.AddCommands(configuration);
        services.AddConsoleAdapter(configuration);
        services.AddDiscord(configuration);
        return services;
    }
}
