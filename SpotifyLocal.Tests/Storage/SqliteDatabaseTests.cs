using Microsoft.Data.Sqlite;

namespace SpotifyLocal.Tests.Storage;

public sealed class SqliteDatabaseTests : IAsyncDisposable
{
    private readonly SqliteTestDatabase _database = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_database_from_a_newer_build_is_refused_instead_of_written_with_an_older_schema()
    {
        await using (var connection = new SqliteConnection($"Data Source={_database.Path}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999;";
            await command.ExecuteNonQueryAsync(Ct);
        }

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => _database.Database.MigrateAsync(Ct));

        Assert.Contains("schema version 999", ex.Message);
    }
}
