namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The <c>Storage:Mongo</c> section. The seed's environment variables <c>MONGODB_URI</c> and
/// <c>MONGODB_DB_NAME</c> fill these when the keys are not set.
/// </summary>
public sealed class MongoStorageOptions
{
    public string? ConnectionString { get; set; }

    public string DatabaseName { get; set; } = "spotifylocal";
}
