using Microsoft.Data.Sqlite;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

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

    [Fact]
    public async Task Upgrading_a_database_from_before_play_context_keeps_its_plays_with_the_context_unknown()
    {
        var before = SqliteSchema.Migrations.TakeWhile(m => !m.Contains("ADD COLUMN skipped", StringComparison.Ordinal)).Count();
        var at = new DateTimeOffset(2025, 5, 1, 8, 0, 0, TimeSpan.Zero);
        await using (var connection = new SqliteConnection($"Data Source={_database.Path}"))
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = string.Join("\n", SqliteSchema.Migrations.Take(before)) + $"\nPRAGMA user_version = {before};" + $"""
                INSERT INTO plays (user_id, played_at, track_id, track_name, artist_id, artist_name, album_id, album_name,
                    duration_ms, ms_played, source, track_key, artist_key, album_key)
                VALUES ('u1', {at.ToUnixTimeMilliseconds()}, 'spotify:track:old', 'Old', NULL, 'Band', NULL, NULL, 0, 200000, 1, 'tk', 'ak', 'bk');
                """;
            await command.ExecuteNonQueryAsync(Ct);
        }

        var context = new PlayContext(Skipped: true, "clickrow", "fwdbtn", Shuffle: false, "android", Offline: null);
        var newer = Play.Create("u1", "spotify:track:new", "New", null, "Band", null, null, at.AddHours(1), 0, 40_000, PlaySource.Import) with { Context = context };
        await _database.Plays.InsertAsync([newer], Ct);

        var recent = await _database.Plays.GetRecentAsync("u1", 10, Ct);
        Assert.Equal(2, recent.Count);
        Assert.Equal(context, recent[0].Context);
        Assert.Equal("spotify:track:old", recent[1].TrackId);
        Assert.Null(recent[1].Context);
    }
}
