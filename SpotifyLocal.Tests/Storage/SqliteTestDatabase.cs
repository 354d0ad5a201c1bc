using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Storage;

/// <summary>A real SQLite database in a fresh temp file, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : IAsyncDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));

    public SqliteTestDatabase()
    {
        Directory.CreateDirectory(_directory);
        Path = System.IO.Path.Combine(_directory, "test.db");
        Database = new SqliteDatabase(Path);
        Plays = new SqlitePlayStore(Database);
        Users = new SqliteUserStore(Database);
        ChatLinks = new SqliteChatLinkStore(Database);
        ImportJobs = new SqliteImportJobStore(Database);
    }

    public string Path { get; }

    public SqliteDatabase Database { get; }

    public IPlayStore Plays { get; }

    public IUserStore Users { get; }

    public IChatLinkStore ChatLinks { get; }

    public IImportJobStore ImportJobs { get; }

    public StorageUnderTest AsStorageUnderTest() =>
        new(Plays, Users, ChatLinks, ImportJobs, DisposeAsync, () => new SqlitePlayStore(new SqliteDatabase(Path)));

    public ValueTask DisposeAsync()
    {
        Database.ReleasePooledConnections();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background task; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
