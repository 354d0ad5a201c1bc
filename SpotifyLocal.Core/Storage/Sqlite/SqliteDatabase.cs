using Microsoft.Data.Sqlite;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>
/// The embedded SQLite database: opens connections with the pragmas every connection needs and
/// creates or migrates the schema (tracked with <c>PRAGMA user_version</c>).
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _migrationLock = new(1, 1);
    private volatile bool _migrated;

    public SqliteDatabase(string path)
    {
        FilePath = System.IO.Path.GetFullPath(path);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>
    /// Closes this database's pooled connections so its file can be moved or deleted (Windows keeps open files
    /// locked). Unlike <see cref="SqliteConnection.ClearAllPools"/> it leaves other databases' connections alone.
    /// </summary>
    public void ReleasePooledConnections()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>Opens a connection, creating the file and schema on first use.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_migrated)
        {
            await MigrateAsync(cancellationToken);
        }

        return await OpenRawAsync(cancellationToken);
    }

    /// <summary>Creates or upgrades the schema; safe to call more than once.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _migrationLock.WaitAsync(cancellationToken);
        try
        {
            if (_migrated)
            {
                return;
            }

            var directory = System.IO.Path.GetDirectoryName(FilePath);
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var connection = await OpenRawAsync(cancellationToken);
            await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken);
            while (true)
            {
                // The version is read under the write lock: another process (a CLI verb beside the bot) may have migrated meanwhile.
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "PRAGMA user_version;";
                var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken));
                if (version == SqliteSchema.Migrations.Count)
                {
                    break;
                }

                if (version > SqliteSchema.Migrations.Count)
                {
                    // An older build would write plays without keeping newer structures (e.g. the rollups) exact.
                    throw new InvalidOperationException(
                        $"The database {FilePath} has schema version {version}, newer than this build knows ({SqliteSchema.Migrations.Count}): run the newer SpotifyLocal or restore a backup.");
                }

                command.CommandText = SqliteSchema.Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
                await command.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            _migrated = true;
        }
        finally
        {
            _migrationLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        // Per-connection settings: wait for a writer instead of failing, and keep WAL syncs cheap.
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;", cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
