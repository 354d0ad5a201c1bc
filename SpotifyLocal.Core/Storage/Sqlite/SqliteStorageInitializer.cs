using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>Creates or migrates the SQLite schema when the host starts (or a verb runs), and says which storage is active.</summary>
public sealed class SqliteStorageInitializer(SqliteDatabase database, ILogger<SqliteStorageInitializer> logger) : IHostedService, IStorageInitializer
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        logger.LogInformation("Storage: SQLite at {Path}", database.FilePath);
    }

    public Task StartAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
