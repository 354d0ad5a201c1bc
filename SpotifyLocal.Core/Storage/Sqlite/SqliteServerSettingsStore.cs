using Microsoft.Data.Sqlite;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IServerSettingsStore"/>.</summary>
public sealed class SqliteServerSettingsStore(SqliteDatabase database) : IServerSettingsStore
{
    private const string Columns = "server_id, weekly_channel_id, weekly_enabled, weekly_disabled_reason, time_zone";

    public async Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@id", serverId);
        command.CommandText = $"SELECT {Columns} FROM server_settings WHERE server_id = @id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSettings(reader) : null;
    }

    public async Task UpsertAsync(ServerSettings settings, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO server_settings ({Columns}) VALUES (@id, @channel, @enabled, @reason, @tz)
            ON CONFLICT (server_id) DO UPDATE SET
                weekly_channel_id = excluded.weekly_channel_id, weekly_enabled = excluded.weekly_enabled,
                weekly_disabled_reason = excluded.weekly_disabled_reason, time_zone = excluded.time_zone
            """;
        command.Parameters.AddWithValue("@id", settings.ServerId);
        command.Parameters.AddWithValue("@channel", ToDb(settings.WeeklyChannelId));
        command.Parameters.AddWithValue("@enabled", settings.WeeklyEnabled);
        command.Parameters.AddWithValue("@reason", ToDb(settings.WeeklyDisabledReason));
        command.Parameters.AddWithValue("@tz", settings.TimeZone);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ServerSettings>> ListWeeklyEnabledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM server_settings WHERE weekly_enabled = 1 AND weekly_channel_id IS NOT NULL ORDER BY server_id";
        var servers = new List<ServerSettings>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            servers.Add(ReadSettings(reader));
        }

        return servers;
    }

    public async Task SetVisibleAsync(VisibleMember member, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO visible_members (server_id, chat_user_id, display_name, since) VALUES (@server, @user, @name, @since)
            ON CONFLICT (server_id, chat_user_id) DO UPDATE SET display_name = excluded.display_name
            """;
        command.Parameters.AddWithValue("@server", member.ServerId);
        command.Parameters.AddWithValue("@user", member.ChatUserId);
        command.Parameters.AddWithValue("@name", ToDb(member.DisplayName));
        command.Parameters.AddWithValue("@since", ToMs(member.Since));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> RemoveVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@server", serverId);
        command.Parameters.AddWithValue("@user", chatUserId);
        command.CommandText = "DELETE FROM visible_members WHERE server_id = @server AND chat_user_id = @user";
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> IsVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@server", serverId);
        command.Parameters.AddWithValue("@user", chatUserId);
        command.CommandText = "SELECT 1 FROM visible_members WHERE server_id = @server AND chat_user_id = @user";
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async Task<IReadOnlyList<VisibleMember>> ListVisibleAsync(string serverId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@server", serverId);
        command.CommandText = "SELECT server_id, chat_user_id, display_name, since FROM visible_members WHERE server_id = @server ORDER BY chat_user_id";
        var members = new List<VisibleMember>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new VisibleMember(reader.GetString(0), reader.GetString(1), NullableString(reader, 2), FromMs(reader.GetInt64(3))));
        }

        return members;
    }

    public async Task<int> RemoveVisibleEverywhereAsync(string chatUserId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", chatUserId);
        command.CommandText = "DELETE FROM visible_members WHERE chat_user_id = @user";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static ServerSettings ReadSettings(SqliteDataReader reader) => new()
    {
        ServerId = reader.GetString(0),
        WeeklyChannelId = NullableString(reader, 1),
        WeeklyEnabled = reader.GetBoolean(2),
        WeeklyDisabledReason = NullableString(reader, 3),
        TimeZone = reader.GetString(4),
    };
}
