namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IChatLinkStore"/>.</summary>
public sealed class SqliteChatLinkStore(SqliteDatabase database) : IChatLinkStore
{
    public async Task<string?> GetUserIdAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@platform", identity.Platform);
        command.Parameters.AddWithValue("@chat", identity.ChatUserId);
        command.CommandText = "SELECT user_id FROM chat_links WHERE platform = @platform AND chat_user_id = @chat";
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async Task SetAsync(ChatIdentity identity, string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@platform", identity.Platform);
        command.Parameters.AddWithValue("@chat", identity.ChatUserId);
        command.Parameters.AddWithValue("@user", userId);
        command.CommandText = """
            INSERT INTO chat_links (platform, chat_user_id, user_id) VALUES (@platform, @chat, @user)
            ON CONFLICT (platform, chat_user_id) DO UPDATE SET user_id = excluded.user_id
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@platform", identity.Platform);
        command.Parameters.AddWithValue("@chat", identity.ChatUserId);
        command.CommandText = "DELETE FROM chat_links WHERE platform = @platform AND chat_user_id = @chat";
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<IReadOnlyList<ChatIdentity>> ListForUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.CommandText = "SELECT platform, chat_user_id FROM chat_links WHERE user_id = @user ORDER BY platform, chat_user_id";
        var identities = new List<ChatIdentity>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            identities.Add(new ChatIdentity(reader.GetString(0), reader.GetString(1)));
        }

        return identities;
    }
}
