using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="ISummaryLedgerStore"/>; the (target, week) primary key makes creation atomic.</summary>
public sealed class SqliteSummaryLedgerStore(SqliteDatabase database) : ISummaryLedgerStore
{
    public async Task<SummaryLedgerEntry?> GetAsync(string targetKey, string week, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@target", targetKey);
        command.Parameters.AddWithValue("@week", week);
        command.CommandText = "SELECT target_key, week, state, nonce, decided_at, completed_at, detail FROM summary_ledger WHERE target_key = @target AND week = @week";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new SummaryLedgerEntry(reader.GetString(0), reader.GetString(1), (SummaryLedgerState)reader.GetInt32(2), reader.GetString(3), FromMs(reader.GetInt64(4)))
        {
            CompletedAt = NullableInstant(reader, 5),
            Detail = NullableString(reader, 6),
        };
    }

    public async Task<bool> TryCreateAsync(SummaryLedgerEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO summary_ledger (target_key, week, state, nonce, decided_at, completed_at, detail)
            VALUES (@target, @week, @state, @nonce, @decided, @completed, @detail)
            ON CONFLICT (target_key, week) DO NOTHING
            """;
        command.Parameters.AddWithValue("@target", entry.TargetKey);
        command.Parameters.AddWithValue("@week", entry.Week);
        command.Parameters.AddWithValue("@state", (int)entry.State);
        command.Parameters.AddWithValue("@nonce", entry.Nonce);
        command.Parameters.AddWithValue("@decided", ToMs(entry.DecidedAt));
        command.Parameters.AddWithValue("@completed", ToDb(entry.CompletedAt));
        command.Parameters.AddWithValue("@detail", ToDb(entry.Detail));
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task CompleteAsync(
        string targetKey, string week, SummaryLedgerState state, DateTimeOffset at, string? detail, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE summary_ledger SET state = @state, completed_at = @at, detail = @detail WHERE target_key = @target AND week = @week";
        command.Parameters.AddWithValue("@target", targetKey);
        command.Parameters.AddWithValue("@week", week);
        command.Parameters.AddWithValue("@state", (int)state);
        command.Parameters.AddWithValue("@at", ToMs(at));
        command.Parameters.AddWithValue("@detail", ToDb(detail));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> DeleteTargetAsync(string targetKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@target", targetKey);
        command.CommandText = "DELETE FROM summary_ledger WHERE target_key = @target";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
