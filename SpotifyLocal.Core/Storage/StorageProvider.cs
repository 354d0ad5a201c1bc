namespace SpotifyLocal.Core.Storage;

/// <summary>Which backend stores the data.</summary>
public enum StorageProvider
{
    /// <summary>Embedded SQLite file: the zero-configuration default.</summary>
    Sqlite = 0,

    /// <summary>A MongoDB server (<c>MONGODB_URI</c>, <c>MONGODB_DB_NAME</c>).</summary>
    Mongo = 1,
}
