namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>A <see cref="PlayMove"/> in <c>play_moves</c>; <c>_id</c> is the source user id (one move per source).</summary>
public sealed class PlayMoveDocument
{
    public string Id { get; set; } = string.Empty;

    public string ToUserId { get; set; } = string.Empty;

    /// <summary>UTC.</summary>
    public DateTime RequestedAt { get; set; }
}
