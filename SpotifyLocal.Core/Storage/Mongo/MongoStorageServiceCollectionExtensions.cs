using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>Registers the MongoDB backend: one <see cref="IMongoClient"/>, the stores and the index initializer.</summary>
public static class MongoStorageServiceCollectionExtensions
{
    /// <summary>
    /// Resolves the connection from configuration (see <see cref="MongoConnectionSettings.Resolve"/>) and
    /// registers the backend (what <c>AddStorage</c> uses); throws at once, naming the key, when no URI is configured.
    /// </summary>
    public static IServiceCollection AddMongoStorage(this IServiceCollection services, IConfiguration configuration) =>
        services.AddMongoStorage(MongoConnectionSettings.Resolve(configuration));

    public static IServiceCollection AddMongoStorage(this IServiceCollection services, MongoConnectionSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IMongoClient>(_ => new MongoClient(settings.ToClientSettings()));
        services.AddSingleton(sp => new MongoCollections(sp.GetRequiredService<IMongoClient>(), settings.DatabaseName));
        services.AddSingleton<IPlayStore, MongoPlayStore>();
        services.AddSingleton<IEpisodePlayStore, MongoEpisodePlayStore>();
        services.AddSingleton<IUserStore, MongoUserStore>();
        services.AddSingleton<IChatLinkStore, MongoChatLinkStore>();
        services.AddSingleton<IImportJobStore, MongoImportJobStore>();
        services.AddSingleton<IServerSettingsStore, MongoServerSettingsStore>();
        services.AddSingleton<IWeeklySubscriptionStore, MongoWeeklySubscriptionStore>();
        services.AddSingleton<IPlayMoveStore, MongoPlayMoveStore>();
        services.AddSingleton<ISummaryLedgerStore, MongoSummaryLedgerStore>();
        services.AddSingleton<ISpotifyPauseStore, MongoSpotifyPauseStore>();
        services.AddSingleton<MongoStorageInitializer>();
        services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<MongoStorageInitializer>());
        services.AddHostedService(sp => sp.GetRequiredService<MongoStorageInitializer>());
        return services;
    }
}
