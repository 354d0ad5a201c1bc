using Microsoft.Data.Sqlite;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IEpisodePlayStore"/> on the <c>episode_plays</c> table.</summary>
public sealed class SqliteEpisodePlayStore(SqliteDatabase database) : IEpisodePlayStore
{
    private const string Columns = "user_id, played_at, episode_id, episode_name, show_name, kind, ms_played, source";

    public async Task<InsertResult> InsertAsync(IReadOnlyList<EpisodePlay> episodes, CancellationToken cancellationToken)
    {
        if (episodes.Count == 0)
        {
            return InsertResult.Empty;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT OR IGNORE INTO episode_plays ({Columns}) VALUES (@user_id, @played_at, @episode_id, @episode_name, @show_name, @kind, @ms_played, @source)";
        var parameters = new[]
        {
            command.Parameters.Add("@user_id", SqliteType.Text),
            command.Parameters.Add("@played_at", SqliteType.Integer),
            command.Parameters.Add("@episode_id", SqliteType.Text),
            command.Parameters.Add("@episode_name", SqliteType.Text),
            command.Parameters.Add("@show_name", SqliteType.Text),
            command.Parameters.Add("@kind", SqliteType.Integer),
            command.Parameters.Add("@ms_played", SqliteType.Integer),
            command.Parameters.Add("@source", SqliteType.Integer),
        };
        command.Prepare();

        var inserted = 0;
        foreach (var episode in episodes)
        {
            parameters[0].Value = episode.UserId;
            parameters[1].Value = ToMs(episode.PlayedAt);
            parameters[2].Value = episode.EpisodeId;
            parameters[3].Value = episode.EpisodeName;
            parameters[4].Value = episode.ShowName;
            parameters[5].Value = (int)episode.Kind;
            parameters[6].Value = episode.MsPlayed;
            parameters[7].Value = (int)episode.Source;
            inserted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new InsertResult(inserted, episodes.Count - inserted);
    }

    public Task<IReadOnlyList<TopItem>> GetTopShowsAsync(PlayScope scope, int limit, CancellationToken cancellationToken) =>
        GetTopAsync(scope, limit, "show_name", "show_name", "NULL", cancellationToken);

    public Task<IReadOnlyList<TopItem>> GetTopEpisodesAsync(PlayScope scope, int limit, CancellationToken cancellationToken) =>
        GetTopAsync(scope, limit, "episode_id", "MIN(episode_name)", "MIN(show_name)", cancellationToken);

    public async Task<EpisodeTotals> GetTotalsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var users = AddScope(command, scope);
        command.CommandText = $"""
            SELECT COUNT(*), COALESCE(SUM(ms_played), 0), COUNT(DISTINCT show_name), COUNT(DISTINCT episode_id) FROM episode_plays
            WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new EpisodeTotals(reader.GetInt32(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3));
    }

    public async Task<IReadOnlyList<EpisodePlay>> GetPageAsync(string userId, EpisodeCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.Parameters.AddWithValue("@limit", limit);
        // A row-value comparison: SQLite walks the primary key (user_id, played_at, episode_id) from the cursor on.
        var from = after is null ? string.Empty : " AND (played_at, episode_id) > (@after_played, @after_episode)";
        if (after is not null)
        {
            command.Parameters.AddWithValue("@after_played", ToMs(after.PlayedAt));
            command.Parameters.AddWithValue("@after_episode", after.EpisodeId);
        }

        command.CommandText = $"SELECT {Columns} FROM episode_plays WHERE user_id = @user{from} ORDER BY played_at, episode_id LIMIT @limit";
        var page = new List<EpisodePlay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            page.Add(new EpisodePlay(
                reader.GetString(0),
                FromMs(reader.GetInt64(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                (EpisodeKind)reader.GetInt32(5),
                reader.GetInt32(6),
                (PlaySource)reader.GetInt32(7)));
        }

        return page;
    }

    /// <summary>One transaction: copies what the target lacks, then deletes the source's entries.</summary>
    public async Task<InsertResult> ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken)
    {
        if (fromUserId == toUserId)
        {
            return InsertResult.Empty;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@from", fromUserId);
        command.Parameters.AddWithValue("@to", toUserId);
        command.CommandText = $"""
            INSERT OR IGNORE INTO episode_plays ({Columns})
            SELECT @to, played_at, episode_id, episode_name, show_name, kind, ms_played, source FROM episode_plays WHERE user_id = @from
            """;
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "DELETE FROM episode_plays WHERE user_id = @from";
        var moved = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InsertResult(inserted, moved - inserted);
    }

    public async Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.CommandText = "DELETE FROM episode_plays WHERE user_id = @user";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<TopItem>> GetTopAsync(
        PlayScope scope, int limit, string keyColumn, string name, string artist, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var users = AddScope(command, scope);
        command.Parameters.AddWithValue("@limit", limit);
        // ORDER BY key: SQLite's default BINARY collation compares UTF-8 bytes, as MongoDB does.
        command.CommandText = $"""
            SELECT {keyColumn}, {name}, {artist}, COUNT(*) AS entries, SUM(ms_played) AS ms, MIN(played_at), MAX(played_at)
            FROM episode_plays
            WHERE user_id IN ({users}) AND played_at >= @from AND played_at < @to
            GROUP BY {keyColumn}
            ORDER BY ms DESC, entries DESC, {keyColumn} ASC
            LIMIT @limit
            """;
        var items = new List<TopItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new TopItem(
                reader.GetString(0),
                reader.GetString(1),
                NullableString(reader, 2),
                reader.GetInt32(3),
                reader.GetInt64(4),
                FromMs(reader.GetInt64(5)),
                FromMs(reader.GetInt64(6))));
        }

        return items;
    }
}
