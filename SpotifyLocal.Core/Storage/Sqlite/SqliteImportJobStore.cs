using System.Text.Json;
using Microsoft.Data.Sqlite;
using static SpotifyLocal.Core.Storage.Sqlite.SqliteValues;

namespace SpotifyLocal.Core.Storage.Sqlite;

/// <summary>SQLite implementation of <see cref="IImportJobStore"/>.</summary>
public sealed class SqliteImportJobStore(SqliteDatabase database) : IImportJobStore
{
    private const string Columns =
        "id, user_id, status, file_name, total_tracks, processed_tracks, inserted, duplicates, skipped, skipped_by_reason, error, created_at, started_at, completed_at, owner, lease_expires_at, episodes_inserted, episode_duplicates";

    // SQLITE_CONSTRAINT_UNIQUE: the partial index allows one active job per user.
    private const int UniqueConstraintViolation = 2067;

    public async Task<bool> TryCreateAsync(ImportJob job, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO import_jobs ({Columns}) VALUES (@id, @user, @status, @file, @total, @processed, @inserted, @duplicates, @skipped, @reasons, @error, @created, @started, @completed, @owner, @lease, @episodes_inserted, @episode_duplicates)";
        Bind(command, job);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == UniqueConstraintViolation && job.IsActive)
        {
            return false;
        }
    }

    public async Task UpdateAsync(ImportJob job, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE import_jobs SET user_id = @user, status = @status, file_name = @file, total_tracks = @total,
                processed_tracks = @processed, inserted = @inserted, duplicates = @duplicates, skipped = @skipped,
                skipped_by_reason = @reasons, error = @error, created_at = @created, started_at = @started, completed_at = @completed,
                owner = @owner, lease_expires_at = @lease, episodes_inserted = @episodes_inserted, episode_duplicates = @episode_duplicates
            WHERE id = @id
            """;
        Bind(command, job);
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            throw new InvalidOperationException($"Import job {job.Id} does not exist.");
        }
    }

    public async Task<ImportJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var jobs = await QueryAsync("id = @value", id, cancellationToken);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public async Task<ImportJob?> FindActiveAsync(string userId, CancellationToken cancellationToken)
    {
        var jobs = await QueryAsync("user_id = @value AND status IN (0, 1)", userId, cancellationToken);
        return jobs.Count == 0 ? null : jobs[0];
    }

    public Task<IReadOnlyList<ImportJob>> ListForUserAsync(string userId, CancellationToken cancellationToken) =>
        QueryAsync("user_id = @value", userId, cancellationToken);

    public async Task<IReadOnlyList<ImportJob>> ListActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM import_jobs WHERE status IN (0, 1) ORDER BY created_at, id";
        var jobs = new List<ImportJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    public async Task<bool> TryFailStaleAsync(ImportJob seen, string error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@id", seen.Id);
        command.Parameters.AddWithValue("@error", error);
        command.Parameters.AddWithValue("@at", ToMs(at));
        command.Parameters.AddWithValue("@failed", (int)ImportJobStatus.Failed);
        command.Parameters.AddWithValue("@lease", ToDb(seen.LeaseExpiresAt));
        command.CommandText = """
            UPDATE import_jobs SET status = @failed, error = @error, completed_at = @at
            WHERE id = @id AND status IN (0, 1) AND lease_expires_at IS @lease
            """;
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task RenewLeaseAsync(string id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@id", id);
        command.Parameters.AddWithValue("@lease", ToMs(until));
        command.CommandText = "UPDATE import_jobs SET lease_expires_at = @lease WHERE id = @id AND status IN (0, 1)";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@user", userId);
        command.CommandText = "DELETE FROM import_jobs WHERE user_id = @user";
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@from", fromUserId);
        command.Parameters.AddWithValue("@to", toUserId);
        // An active job of the local identity stays behind rather than breaking the one-active-job rule.
        command.CommandText = """
            UPDATE import_jobs SET user_id = @to
            WHERE user_id = @from AND (status NOT IN (0, 1) OR NOT EXISTS (SELECT 1 FROM import_jobs WHERE user_id = @to AND status IN (0, 1)))
            """;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<ImportJob>> QueryAsync(string where, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.AddWithValue("@value", value);
        command.CommandText = $"SELECT {Columns} FROM import_jobs WHERE {where} ORDER BY created_at DESC, id";
        var jobs = new List<ImportJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(Read(reader));
        }

        return jobs;
    }

    private static void Bind(SqliteCommand command, ImportJob job)
    {
        command.Parameters.AddWithValue("@id", job.Id);
        command.Parameters.AddWithValue("@user", job.UserId);
        command.Parameters.AddWithValue("@status", (int)job.Status);
        command.Parameters.AddWithValue("@file", job.FileName);
        command.Parameters.AddWithValue("@total", job.TotalTracks);
        command.Parameters.AddWithValue("@processed", job.ProcessedTracks);
        command.Parameters.AddWithValue("@inserted", job.Inserted);
        command.Parameters.AddWithValue("@duplicates", job.Duplicates);
        command.Parameters.AddWithValue("@skipped", job.Skipped);
        command.Parameters.AddWithValue("@reasons", JsonSerializer.Serialize(job.SkippedByReason, StorageJsonContext.Default.IReadOnlyDictionaryStringInt64));
        command.Parameters.AddWithValue("@error", ToDb(job.Error));
        command.Parameters.AddWithValue("@created", ToMs(job.CreatedAt));
        command.Parameters.AddWithValue("@started", ToDb(job.StartedAt));
        command.Parameters.AddWithValue("@completed", ToDb(job.CompletedAt));
        command.Parameters.AddWithValue("@owner", ToDb(job.Owner));
        command.Parameters.AddWithValue("@lease", ToDb(job.LeaseExpiresAt));
        command.Parameters.AddWithValue("@episodes_inserted", job.EpisodesInserted);
        command.Parameters.AddWithValue("@episode_duplicates", job.EpisodeDuplicates);
    }

    private static ImportJob Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        UserId = reader.GetString(1),
        Status = (ImportJobStatus)reader.GetInt32(2),
        FileName = reader.GetString(3),
        TotalTracks = reader.GetInt64(4),
        ProcessedTracks = reader.GetInt64(5),
        Inserted = reader.GetInt64(6),
        Duplicates = reader.GetInt64(7),
        Skipped = reader.GetInt64(8),
        SkippedByReason = JsonSerializer.Deserialize(reader.GetString(9), StorageJsonContext.Default.IReadOnlyDictionaryStringInt64)
            ?? new Dictionary<string, long>(),
        Error = NullableString(reader, 10),
        CreatedAt = FromMs(reader.GetInt64(11)),
        StartedAt = NullableInstant(reader, 12),
        CompletedAt = NullableInstant(reader, 13),
        Owner = NullableString(reader, 14),
        LeaseExpiresAt = NullableInstant(reader, 15),
        EpisodesInserted = reader.GetInt64(16),
        EpisodeDuplicates = reader.GetInt64(17),
    };
}
