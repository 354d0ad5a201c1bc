namespace SpotifyLocal.Core.Storage;

/// <summary>What an <see cref="EpisodePlay"/> was: a podcast episode or an audiobook chapter.</summary>
public enum EpisodeKind
{
    Podcast = 0,
    Audiobook = 1,
}
