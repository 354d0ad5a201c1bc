using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Where the MongoDB backend connects: <c>Storage:Mongo:ConnectionString</c> (or the seed's
/// <c>MONGODB_URI</c>) and <c>Storage:Mongo:DatabaseName</c> (or <c>MONGODB_DB_NAME</c>, else
/// <c>spotifylocal</c>); config keys win over the seed's names. Validated when made, so a missing URI
/// fails at startup naming the key. <see cref="ToString"/> never shows the URI, which may hold a password.
/// </summary>
public sealed class MongoConnectionSettings
{
    public const string ConnectionStringKey = "Storage:Mongo:ConnectionString";
    public const string DatabaseNameKey = "Storage:Mongo:DatabaseName";
    public const string UriVariable = "MONGODB_URI";
    public const string DatabaseVariable = "MONGODB_DB_NAME";
    public const string DefaultDatabaseName = "spotifylocal";

    private MongoConnectionSettings(MongoUrl url, string databaseName)
    {
        Url = url;
        DatabaseName = databaseName;
    }

    public MongoUrl Url { get; }

    public string DatabaseName { get; }

    /// <summary>
    /// Reads the keys from configuration. The host maps environment variables into configuration, so the
    /// seed's <c>MONGODB_URI</c> / <c>MONGODB_DB_NAME</c> arrive as root keys.
    /// </summary>
    /// <exception cref="OptionsValidationException">No URI is configured, or it is not a MongoDB URI.</exception>
    public static MongoConnectionSettings Resolve(IConfiguration configuration) =>
        Create(new MongoStorageOptions
        {
            ConnectionString = FirstSet(configuration[ConnectionStringKey], configuration[UriVariable]),
            DatabaseName = FirstSet(configuration[DatabaseNameKey], configuration[DatabaseVariable]) ?? DefaultDatabaseName,
        });

    /// <summary>Validates already-bound options (the seed's variables applied by the caller).</summary>
    /// <exception cref="OptionsValidationException">No URI is configured, it is not a MongoDB URI, or the database name is empty.</exception>
    public static MongoConnectionSettings Create(MongoStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw Invalid(
                $"Storage:Provider is Mongo but no connection string is set: set {ConnectionStringKey} or the {UriVariable} environment variable.");
        }

        if (string.IsNullOrWhiteSpace(options.DatabaseName))
        {
            throw Invalid($"{DatabaseNameKey} (or {DatabaseVariable}) must not be empty.");
        }

        MongoUrl url;
        try
        {
            url = MongoUrl.Create(options.ConnectionString.Trim());
        }
        catch (MongoConfigurationException)
        {
            // The driver's message may echo the URI (and its password), so it is not passed on.
            throw Invalid($"{ConnectionStringKey} (or {UriVariable}) is not a valid MongoDB connection string (expected mongodb://… or mongodb+srv://…).");
        }

        return new MongoConnectionSettings(url, options.DatabaseName.Trim());
    }

    public MongoClientSettings ToClientSettings()
    {
        var settings = MongoClientSettings.FromUrl(Url);
        settings.ApplicationName ??= "SpotifyLocal";
        return settings;
    }

    /// <summary>Servers and database, without credentials.</summary>
    public override string ToString() =>
        $"{string.Join(",", Url.Servers.Select(s => $"{s.Host}:{s.Port}"))}/{DatabaseName}";

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static OptionsValidationException Invalid(string message) =>
        new(StorageOptions.SectionName, typeof(StorageOptions), [message]);
}
