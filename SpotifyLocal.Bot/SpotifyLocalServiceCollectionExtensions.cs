using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Console;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Telegram;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
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
        services.AddTelegram(configuration);
        services.AddTracking(configuration);
        services.AddImport(configuration);
        services.AddStats(configuration);
        services.AddInsights(configuration);
        services.AddCharts(configuration);
        services.AddCommands(configuration);
        services.AddSummaries(configuration);
        services.AddSummaryCommands(configuration);
        services.AddSingleton<ICliVerb, ImportVerb>();
        services.AddSingleton<ICliVerb, TopVerb>();
        services.AddSingleton<ICliVerb, SkipsVerb>();
        services.AddSingleton<ICliVerb, RecapVerb>();
        services.AddSingleton<ICliVerb, StreaksVerb>();
        services.AddSingleton<ICliVerb, DiscoveriesVerb>();
        services.AddSingleton<ICliVerb, PodcastsVerb>();
        services.AddConsoleAdapter(configuration);
        services.AddDiscord(configuration);
        services.AddHostedService<BotStartupReport>();
        return services;
    }
}
