namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The moves of plays between user ids that are not finished, one per source id: recorded when a link is confirmed and
/// removed when the last page moved, so a move cut short by a crash completes at the next start.
/// </summary>
public interface IPlayMoveStore
{
    /// <summary>Records the move (replacing an earlier one from the same source).</summary>
    Task AddAsync(PlayMove move, CancellationToken cancellationToken);

    Task<IReadOnlyList<PlayMove>> ListAsync(CancellationToken cancellationToken);

    Task<bool> RemoveAsync(string fromUserId, CancellationToken cancellationToken);
}
