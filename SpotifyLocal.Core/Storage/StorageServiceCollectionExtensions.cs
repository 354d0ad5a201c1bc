using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Storage.Mongo;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Core.Storage;

/// <summary>Registers the configured storage backend (SQLite by default, MongoDB on request).</summary>
public static class StorageServiceCollectionExtensions
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(options);

        services.AddSingleton<PlayBatchWriter>();
        // Mongo: MongoConnectionSettings.Resolve reads the keys and the seed's variables, and throws naming the key.
        return options.Provider == StorageProvider.Mongo
            ? services.AddMongoStorage(configuration)
            : services.AddSqliteStorage(options.Sqlite.Path);
    }

    /// <summary>Registers the SQLite stores on the given file (also used directly by tests and benchmarks).</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string path)
    {
        services.AddSingleton(_ => new SqliteDatabase(path));
        services.AddSingleton<IPlayStore, SqlitePlayStore>();
        services.AddSingleton<IEpisodePlayStore, SqliteEpisodePlayStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IChatLinkStore, SqliteChatLinkStore>();
        services.AddSingleton<IImportJobStore, SqliteImportJobStore>();
        services.AddSingleton<IServerSettingsStore, SqliteServerSettingsStore>();
        services.AddSingleton<IWeeklySubscriptionStore, SqliteWeeklySubscriptionStore>();
        services.AddSingleton<IPlayMoveStore, SqlitePlayMoveStore>();
        services.AddSingleton<ISummaryLedgerStore, SqliteSummaryLedgerStore>();
        services.AddSingleton<ISpotifyPauseStore, SqliteSpotifyPauseStore>();
        services.AddSingleton<SqliteStorageInitializer>();
        services.AddSingleton<IStorageInitializer>(sp => sp.GetRequiredService<SqliteStorageInitializer>());
        services.AddHostedService(sp => sp.GetRequiredService<SqliteStorageInitializer>());
        return services;
    }
}
