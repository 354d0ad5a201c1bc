namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The <c>Storage:Mongo</c> section. <see cref="Mongo.MongoConnectionSettings.Resolve"/> reads it, falling back to
/// the seed's environment variables <c>MONGODB_URI</c> and <c>MONGODB_DB_NAME</c> when the keys are not set.
/// </summary>
public sealed class MongoStorageOptions
{
    public string? ConnectionString { get; set; }

    public string DatabaseName { get; set; } = "spotifylocal";
}
