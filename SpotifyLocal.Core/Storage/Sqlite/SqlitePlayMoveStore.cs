using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IPlayMoveStore"/> (table <c>play_moves</c>).</summary>
public sealed class SqlitePlayMoveStore(SqliteDatabase database) : IPlayMoveStore
{
    public async Task AddAsync(PlayMove move, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@from", move.FromUserId);
        command.Parameters.AddWithValue("@to", move.ToUserId);
        command.Parameters.AddWithValue("@at", ToMs(move.RequestedAt));
        command.CommandText = """
            INSERT INTO play_moves (from_user_id, to_user_id, requested_at) VALUES (@from, @to, @at)
            ON CONFLICT (from_user_id) DO UPDATE SET to_user_id = excluded.to_user_id, requested_at = excluded.requested_at
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PlayMove>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT from_user_id, to_user_id, requested_at FROM play_moves ORDER BY requested_at, from_user_id";
        var moves = new List<PlayMove>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            moves.Add(new PlayMove(reader.GetString(0), reader.GetString(1), FromMs(reader.GetInt64(2))));
        }

        return moves;
    }

    public async Task<bool> RemoveAsync(string fromUserId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@from", fromUserId);
        command.CommandText = "DELETE FROM play_moves WHERE from_user_id = @from";
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
