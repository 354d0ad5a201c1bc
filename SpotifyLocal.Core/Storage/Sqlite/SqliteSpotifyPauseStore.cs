using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="ISpotifyPauseStore"/>: one row (id 1) in <c>spotify_pause</c>.</summary>
public sealed class SqliteSpotifyPauseStore(SqliteDatabase database) : ISpotifyPauseStore
{
    public async Task<SpotifyPause?> GetAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT since, requests_until, polling_until, users_told_at FROM spotify_pause WHERE id = 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new SpotifyPause(FromMs(reader.GetInt64(0)), FromMs(reader.GetInt64(1)), FromMs(reader.GetInt64(2)), NullableInstant(reader, 3))
            : null;
    }

    public async Task SaveAsync(SpotifyPause pause, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO spotify_pause (id, since, requests_until, polling_until, users_told_at) VALUES (1, @since, @requests, @polling, @told)
            ON CONFLICT (id) DO UPDATE SET since = excluded.since, requests_until = excluded.requests_until,
                polling_until = excluded.polling_until, users_told_at = excluded.users_told_at
            """;
        command.Parameters.AddWithValue("@since", ToMs(pause.Since));
        command.Parameters.AddWithValue("@requests", ToMs(pause.RequestsUntil));
        command.Parameters.AddWithValue("@polling", ToMs(pause.PollingUntil));
        command.Parameters.AddWithValue("@told", ToDb(pause.UsersToldAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
