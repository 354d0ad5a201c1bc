using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Core.Storage;

/// <summary>The <c>Storage:Sqlite</c> section.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Database file path, relative to the working directory unless absolute.</summary>
    [Required(ErrorMessage = "Storage:Sqlite:Path must name the SQLite database file.")]
    public string Path { get; set; } = "data/spotifylocal.db";
}
