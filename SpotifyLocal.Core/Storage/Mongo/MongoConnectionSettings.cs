using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Where the MongoDB backend connects: <c>Storage:Mongo:ConnectionString</c> (or the seed's
/// <c>MONGODB_URI</c>) and <c>Storage:Mongo:DatabaseName</c> (or <c>MONGODB_DB_NAME</c>, else the
/// database named in the URI, else <c>spotifylocal</c>). <see cref="ToString"/> never shows the URI,
/// which may hold a password.
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
    /// Reads the settings from configuration (the host maps environment variables into it, so
    /// <c>MONGODB_URI</c> arrives as a root key). Config keys win over the seed's variable names.
    /// </summary>
    /// <exception cref="OptionsValidationException">No URI is configured, or it is not a MongoDB URI.</exception>
    public static MongoConnectionSettings Resolve(IConfiguration configuration)
    {
        var uri = FirstSet(configuration[ConnectionStringKey], configuration[UriVariable])
            ?? throw Invalid(
                $"MongoDB storage is selected (Storage:Provider = Mongo) but no connection string is set: set {ConnectionStringKey} or the {UriVariable} environment variable.");

        MongoUrl url;
        try
        {
            url = MongoUrl.Create(uri);
        }
        catch (MongoConfigurationException)
        {
            // The message of the driver's exception may echo the URI (and its password), so it is not passed on.
            throw Invalid($"{ConnectionStringKey} (or {UriVariable}) is not a valid MongoDB connection string (expected mongodb://… or mongodb+srv://…).");
        }

        var database = FirstSet(configuration[DatabaseNameKey], configuration[DatabaseVariable], url.DatabaseName) ?? DefaultDatabaseName;
        return new MongoConnectionSettings(url, database);
    }

    public MongoClientSettings ToClientSettings()
    {
        var settings = MongoClientSettings.FromUrl(Url);
        settings.ApplicationName ??= "SpotifyLocal";
        return settings;
    }

    public override string ToString() =>
        $"MongoDB {string.Join(",", Url.Servers.Select(s => s.ToString()))}/{DatabaseName}";

    private static string? FirstSet(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static OptionsValidationException Invalid(string message) =>
        new(nameof(MongoStorageOptions), typeof(MongoStorageOptions), [message]);
}
