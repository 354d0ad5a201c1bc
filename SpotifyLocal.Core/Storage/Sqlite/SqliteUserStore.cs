using Microsoft.Data.Sqlite;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IUserStore"/>.</summary>
public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns =
        "spotify_id, account_id, display_name, email, encrypted_access_token, encrypted_refresh_token, token_expires_at, consented_at, joined_at, has_initial_import, has_full_import, last_check_at, time_zone, link_state, relink_reminder_sent_at";

    public async Task<User?> GetAsync(string spotifyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@id", spotifyId);
        command.CommandText = $"SELECT {Columns} FROM users WHERE spotify_id = @id";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task UpsertAsync(User user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO users ({Columns}) VALUES (@spotify_id, @account_id, @display_name, @email, @access, @refresh, @expires, @consented, @joined, @initial, @full, @checked, @tz, @state, @reminded)
            ON CONFLICT (spotify_id) DO UPDATE SET
                account_id = excluded.account_id, display_name = excluded.display_name, email = excluded.email,
                encrypted_access_token = excluded.encrypted_access_token, encrypted_refresh_token = excluded.encrypted_refresh_token,
                token_expires_at = excluded.token_expires_at, consented_at = excluded.consented_at, joined_at = excluded.joined_at,
                has_initial_import = excluded.has_initial_import, has_full_import = excluded.has_full_import,
                last_check_at = excluded.last_check_at, time_zone = excluded.time_zone, link_state = excluded.link_state,
                relink_reminder_sent_at = excluded.relink_reminder_sent_at
            """;
        command.Parameters.AddWithValue("@spotify_id", user.SpotifyId);
        command.Parameters.AddWithValue("@account_id", ToDb(user.AccountId));
        command.Parameters.AddWithValue("@display_name", ToDb(user.DisplayName));
        command.Parameters.AddWithValue("@email", ToDb(user.Email));
        command.Parameters.AddWithValue("@access", ToDb(user.EncryptedAccessToken));
        command.Parameters.AddWithValue("@refresh", ToDb(user.EncryptedRefreshToken));
        command.Parameters.AddWithValue("@expires", ToDb(user.TokenExpiresAt));
        command.Parameters.AddWithValue("@consented", ToDb(user.ConsentedAt));
        command.Parameters.AddWithValue("@joined", ToMs(user.JoinedAt));
        command.Parameters.AddWithValue("@initial", user.HasInitialImport);
        command.Parameters.AddWithValue("@full", user.HasFullImport);
        command.Parameters.AddWithValue("@checked", ToDb(user.LastCheckAt));
        command.Parameters.AddWithValue("@tz", user.TimeZone);
        command.Parameters.AddWithValue("@state", (int)user.LinkState);
        command.Parameters.AddWithValue("@reminded", ToDb(user.RelinkReminderSentAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListLinkedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@state", (int)LinkState.Linked);
        command.CommandText = $"SELECT {Columns} FROM users WHERE link_state = @state ORDER BY spotify_id";
        var users = new List<User>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(Read(reader));
        }

        return users;
    }

    public async Task<bool> DeleteAsync(string spotifyId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@id", spotifyId);
        command.CommandText = "DELETE FROM users WHERE spotify_id = @id";
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static User Read(SqliteDataReader reader) => new()
    {
        SpotifyId = reader.GetString(0),
        AccountId = NullableString(reader, 1),
        DisplayName = NullableString(reader, 2),
        Email = NullableString(reader, 3),
        EncryptedAccessToken = NullableString(reader, 4),
        EncryptedRefreshToken = NullableString(reader, 5),
        TokenExpiresAt = NullableInstant(reader, 6),
        ConsentedAt = NullableInstant(reader, 7),
        JoinedAt = FromMs(reader.GetInt64(8)),
        HasInitialImport = reader.GetBoolean(9),
        HasFullImport = reader.GetBoolean(10),
        LastCheckAt = NullableInstant(reader, 11),
        TimeZone = reader.GetString(12),
        LinkState = (LinkState)reader.GetInt32(13),
        RelinkReminderSentAt = NullableInstant(reader, 14),
    };
}
