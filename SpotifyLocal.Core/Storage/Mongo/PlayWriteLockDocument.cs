namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// A user's play-write lock in <c>play_write_locks</c>: <c>_id</c> is the user id, so the primary key lets one
/// writer at a time match and insert that user's plays; <c>expiresAt</c> frees it if its holder died.
/// </summary>
public sealed class PlayWriteLockDocument
{
    public string Id { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime ExpiresAt { get; set; }
}
