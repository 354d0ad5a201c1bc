using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Console;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot;

/// <summary>The table of contents of the bot: one line per feature.</summary>
public static class SpotifyLocalServiceCollectionExtensions
{
    public static IServiceCollection AddSpotifyLocal(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddStorage(configuration);
        services.AddCommands(configuration);
        services.AddConsoleAdapter(configuration);
        return services;
    }
}
