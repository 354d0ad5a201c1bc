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
            .PostConfigure(options => ApplySeedEnvironment(options, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.SectionName).Bind(options);
        ApplySeedEnvironment(options, configuration);

        services.AddSingleton<PlayBatchWriter>();
        if (options.Provider == StorageProvider.Mongo)
        {
            StorageOptionsValidator.ThrowIfInvalid(options);
            return services.AddMongoStorage(options.Mongo);
        }

        return services.AddSqliteStorage(options.Sqlite.Path);
    }

    /// <summary>Registers the SQLite stores on the given file (also used directly by tests and benchmarks).</summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string path)
    {
        services.AddSingleton(_ => new SqliteDatabase(path));
        services.AddSingleton<IPlayStore, SqlitePlayStore>();
        services.AddSingleton<IUserStore, SqliteUserStore>();
        services.AddSingleton<IChatLinkStore, SqliteChatLinkStore>();
        services.AddSingleton<IImportJobStore, SqliteImportJobStore>();
        services.AddSingleton<IServerSettingsStore, SqliteServerSettingsStore>();
        services.AddSingleton<IWeeklySubscriptionStore, SqliteWeeklySubscriptionStore>();
        services.AddSingleton<ISummaryLedgerStore, SqliteSummaryLedgerStore>();
        services.AddHostedService<SqliteStorageInitializer>();
        return services;
    }

    /// <summary>The seed's <c>MONGODB_URI</c> / <c>MONGODB_DB_NAME</c> fill the Mongo keys when these are not set.</summary>
    private static void ApplySeedEnvironment(StorageOptions options, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(options.Mongo.ConnectionString) && configuration["MONGODB_URI"] is { Length: > 0 } uri)
        {
            options.Mongo.ConnectionString = uri;
        }

        if (configuration[$"{StorageOptions.SectionName}:Mongo:DatabaseName"] is null && configuration["MONGODB_DB_NAME"] is { Length: > 0 } name)
        {
            options.Mongo.DatabaseName = name;
        }
    }
}
