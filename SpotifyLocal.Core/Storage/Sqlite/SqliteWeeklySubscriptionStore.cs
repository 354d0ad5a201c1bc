namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IWeeklySubscriptionStore"/>.</summary>
public sealed class SqliteWeeklySubscriptionStore(SqliteDatabase database) : IWeeklySubscriptionStore
{
    public async Task SetAsync(ChatIdentity identity, bool enabled, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@platform", identity.Platform);
        command.Parameters.AddWithValue("@chat", identity.ChatUserId);
        command.CommandText = enabled
            ? "INSERT INTO weekly_subscriptions (platform, chat_user_id) VALUES (@platform, @chat) ON CONFLICT DO NOTHING"
            : "DELETE FROM weekly_subscriptions WHERE platform = @platform AND chat_user_id = @chat";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> IsSubscribedAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@platform", identity.Platform);
        command.Parameters.AddWithValue("@chat", identity.ChatUserId);
        command.CommandText = "SELECT 1 FROM weekly_subscriptions WHERE platform = @platform AND chat_user_id = @chat";
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<IReadOnlyList<ChatIdentity>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT platform, chat_user_id FROM weekly_subscriptions ORDER BY platform, chat_user_id";
        var identities = new List<ChatIdentity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            identities.Add(new ChatIdentity(reader.GetString(0), reader.GetString(1)));
        }

        return identities;
    }
}
