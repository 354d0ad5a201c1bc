namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>The one <see cref="SpotifyPause"/> in <c>spotify_pause</c> (<c>_id</c> "app"); times UTC.</summary>
public sealed class SpotifyPauseDocument
{
    public const string AppId = "app";

    public string Id { get; set; } = AppId;

    public DateTime Since { get; set; }

    public DateTime RequestsUntil { get; set; }

    public DateTime PollingUntil { get; set; }

    public DateTime? UsersToldAt { get; set; }
}
