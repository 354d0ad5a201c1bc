using Microsoft.Data.Sqlite;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IUserStore"/>: each write is one <c>UPDATE … SET</c> of the fields it owns.</summary>
public sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns =
        "spotify_id, account_id, display_name, encrypted_access_token, encrypted_refresh_token, token_expires_at, consented_at, joined_at, has_initial_import, has_full_import, last_check_at, time_zone, link_state, relink_reminder_sent_at";

    public Task<User?> GetAsync(string spotifyId, CancellationToken cancellationToken) =>
        FindAsync("spotify_id = @id", spotifyId, cancellationToken);

    public Task<User?> FindByAccountIdAsync(string accountId, CancellationToken cancellationToken) =>
        FindAsync("account_id = @id", accountId, cancellationToken);

    public async Task<bool> CreateAsync(User user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO users ({Columns}) VALUES (@spotify_id, @account_id, @display_name, @access, @refresh, @expires, @consented, @joined, @initial, @full, @checked, @tz, @state, @reminded)
            ON CONFLICT (spotify_id) DO NOTHING
            """;
        command.Parameters.AddWithValue("@spotify_id", user.SpotifyId);
        command.Parameters.AddWithValue("@account_id", ToDb(user.AccountId));
        command.Parameters.AddWithValue("@display_name", ToDb(user.DisplayName));
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
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public Task SetTimeZoneAsync(string spotifyId, string timeZone, CancellationToken cancellationToken) =>
        UpdateAsync(spotifyId, "time_zone = @tz", c => c.Parameters.AddWithValue("@tz", timeZone), cancellationToken);

    public Task MarkFullImportAsync(string spotifyId, CancellationToken cancellationToken) =>
        UpdateAsync(spotifyId, "has_full_import = 1", _ => { }, cancellationToken);

    public Task RecordCheckAsync(string spotifyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(spotifyId, "last_check_at = @at, has_initial_import = 1", c => c.Parameters.AddWithValue("@at", ToMs(at)), cancellationToken);

    public Task MarkRelinkReminderSentAsync(string spotifyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        UpdateAsync(spotifyId, "relink_reminder_sent_at = @at", c => c.Parameters.AddWithValue("@at", ToMs(at)), cancellationToken);

    public Task StoreLinkAsync(string spotifyId, LinkGrant grant, CancellationToken cancellationToken) =>
        UpdateAsync(
            spotifyId,
            """
            account_id = COALESCE(@account_id, account_id), display_name = COALESCE(@display_name, display_name),
            encrypted_access_token = @access, encrypted_refresh_token = @refresh, token_expires_at = @expires,
            consented_at = @consented, link_state = @linked
            """,
            c =>
            {
                c.Parameters.AddWithValue("@account_id", ToDb(grant.AccountId));
                c.Parameters.AddWithValue("@display_name", ToDb(grant.DisplayName));
                c.Parameters.AddWithValue("@access", grant.EncryptedAccessToken);
                c.Parameters.AddWithValue("@refresh", grant.EncryptedRefreshToken);
                c.Parameters.AddWithValue("@expires", ToMs(grant.TokenExpiresAt));
                c.Parameters.AddWithValue("@consented", ToMs(grant.ConsentedAt));
                c.Parameters.AddWithValue("@linked", (int)LinkState.Linked);
            },
            cancellationToken);

    public async Task<bool> ReplaceTokensAsync(
        string spotifyId,
        string expectedEncryptedRefreshToken,
        string encryptedAccessToken,
        string encryptedRefreshToken,
        DateTimeOffset expiresAt,
        CancellationToken cancellationToken) =>
        await UpdateAsync(
            spotifyId,
            "encrypted_access_token = @access, encrypted_refresh_token = @refresh, token_expires_at = @expires",
            "link_state = @linked AND encrypted_refresh_token = @expected",
            c =>
            {
                c.Parameters.AddWithValue("@access", encryptedAccessToken);
                c.Parameters.AddWithValue("@refresh", encryptedRefreshToken);
                c.Parameters.AddWithValue("@expires", ToMs(expiresAt));
                c.Parameters.AddWithValue("@linked", (int)LinkState.Linked);
                c.Parameters.AddWithValue("@expected", expectedEncryptedRefreshToken);
            },
            cancellationToken) > 0;

    public async Task<bool> EndLinkAsync(string spotifyId, LinkState state, string? expectedEncryptedRefreshToken, CancellationToken cancellationToken) =>
        await UpdateAsync(
            spotifyId,
            "encrypted_access_token = NULL, encrypted_refresh_token = NULL, token_expires_at = NULL, link_state = @state",
            expectedEncryptedRefreshToken is null ? null : "link_state = @linked AND encrypted_refresh_token = @expected",
            c =>
            {
                c.Parameters.AddWithValue("@state", (int)state);
                c.Parameters.AddWithValue("@linked", (int)LinkState.Linked);
                c.Parameters.AddWithValue("@expected", ToDb(expectedEncryptedRefreshToken));
            },
            cancellationToken) > 0;

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

    private async Task<User?> FindAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@id", value);
        command.CommandText = $"SELECT {Columns} FROM users WHERE {where} ORDER BY spotify_id LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    private Task<int> UpdateAsync(string spotifyId, string set, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        UpdateAsync(spotifyId, set, null, bind, cancellationToken);

    /// <summary><c>UPDATE users SET {set} WHERE spotify_id = @id [AND {condition}]</c>; returns the rows changed.</summary>
    private async Task<int> UpdateAsync(string spotifyId, string set, string? condition, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@id", spotifyId);
        bind(command);
        command.CommandText = $"UPDATE users SET {set} WHERE spotify_id = @id" + (condition is null ? "" : $" AND {condition}");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static User Read(SqliteDataReader reader) => new()
    {
        SpotifyId = reader.GetString(0),
        AccountId = NullableString(reader, 1),
        DisplayName = NullableString(reader, 2),
        EncryptedAccessToken = NullableString(reader, 3),
        EncryptedRefreshToken = NullableString(reader, 4),
        TokenExpiresAt = NullableInstant(reader, 5),
        ConsentedAt = NullableInstant(reader, 6),
        JoinedAt = FromMs(reader.GetInt64(7)),
        HasInitialImport = reader.GetBoolean(8),
        HasFullImport = reader.GetBoolean(9),
        LastCheckAt = NullableInstant(reader, 10),
        TimeZone = reader.GetString(11),
        LinkState = (LinkState)reader.GetInt32(12),
        RelinkReminderSentAt = NullableInstant(reader, 13),
    };
}
