namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A position in one user's plays ordered oldest first (played_at, then track id, the order of the unique play index):
/// <see cref="IPlayStore.GetPageAsync"/> continues after it, so a reader pages through every play exactly once.
/// </summary>
public sealed record PlayCursor(DateTimeOffset PlayedAt, string TrackId)
{
    /// <summary>The cursor just past <paramref name="play"/>, the last of a page.</summary>
    public static PlayCursor After(Play play) => new(play.PlayedAt, play.TrackId);
}
