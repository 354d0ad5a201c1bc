using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Core.Storage;

/// <summary>The <c>Storage</c> configuration section: which backend and where it lives.</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    [Required]
    public SqliteStorageOptions Sqlite { get; set; } = new();

    [Required]
    public MongoStorageOptions Mongo { get; set; } = new();
}
