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

    /// <summary>Every pending/processing job of every user.</summary>
    Task<IReadOnlyList<ImportJob>> ListActiveAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Marks <paramref name="seen"/> failed with <paramref name="error"/> if it is still active with the lease it had when
    /// read (so a job whose owner renewed meanwhile is left alone); returns whether it did.
    /// </summary>
    Task<bool> TryFailStaleAsync(ImportJob seen, string error, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Moves an active job's lease to <paramref name="until"/> (nothing happens once it finished).</summary>
    Task RenewLeaseAsync(string id, DateTimeOffset until, CancellationToken cancellationToken);

    Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Moves jobs from a chat identity's local id to its linked Spotify id.</summary>
    Task ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken);
}
