namespace SpotifyLocal.Tests.Fakes;

/// <summary>How the fake writes a recently-played item: the ordinary shape, or one of the real odd ones.</summary>
public enum FakeSpotifyItemShape
{
    /// <summary>A catalogue track, <c>played_at</c> with milliseconds.</summary>
    Track,

    /// <summary>
    /// A local file: <c>id</c> null, <c>is_local</c> true, a <c>spotify:local:artist:album:title:seconds</c> URI and
    /// artists/album without ids (developer.spotify.com/documentation/web-api/concepts/playlists, "Local Files").
    /// </summary>
    LocalFile,

    /// <summary><c>"track": null</c> (a track removed from the catalogue).</summary>
    NullTrack,

    /// <summary><c>"artists": []</c>.</summary>
    NoArtists,

    /// <summary><c>played_at</c> without milliseconds (<c>2024-01-15T14:30:00Z</c>).</summary>
    WholeSeconds,

    /// <summary>
    /// Not a documented shape: stands for any item the client cannot read (<c>name</c>, <c>duration_ms</c> and
    /// <c>artists</c> null), to show one such item costs only itself.
    /// </summary>
    Garbled,
}
