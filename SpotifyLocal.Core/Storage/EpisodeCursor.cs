namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A position in one user's podcast and audiobook entries ordered oldest first (played_at, then episode id, the order of
/// the unique entry index): <see cref="IEpisodePlayStore.GetPageAsync"/> continues after it, so a reader pages through
/// every entry exactly once.
/// </summary>
public sealed record EpisodeCursor(DateTimeOffset PlayedAt, string EpisodeId)
{
    /// <summary>The cursor just past <paramref name="episode"/>, the last of a page.</summary>
    public static EpisodeCursor After(EpisodePlay episode) => new(episode.PlayedAt, episode.EpisodeId);
}
