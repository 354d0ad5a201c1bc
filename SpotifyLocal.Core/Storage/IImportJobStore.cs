namespace SpotifyLocal.Core.Storage;

/// <summary>Persistence of <see cref="ImportJob"/> records.</summary>
public interface IImportJobStore
{
    /// <summary>
    /// Stores a new active job unless the user already has an active one (then returns false and
    /// stores nothing). Atomic, so two concurrent imports of one user cannot both start.
    /// </summary>
    Task<bool> TryCreateAsync(ImportJob job, CancellationToken cancellationToken);

    /// <summary>Replaces the stored job with this id; throws <see cref="InvalidOperationException"/> when there is none.</summary>
    Task UpdateAsync(ImportJob job, CancellationToken cancellationToken);

    Task<ImportJob?> GetAsync(string id, CancellationToken cancellationToken);

    Task<ImportJob?> FindActiveAsync(string userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ImportJob>> ListForUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Marks every pending/processing job failed with the given error (used at startup after a crash); returns how many.</summary>
    Task<int> FailActiveAsync(string error, DateTimeOffset at, CancellationToken cancellationToken);

    Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Moves jobs from a chat identity's local id to its linked Spotify id.</summary>
    Task ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken);
}
