namespace SpotifyLocal.Core.Storage;

/// <summary>What a top list ranks.</summary>
public enum TopKind
{
    Tracks = 0,
    Artists = 1,
    Albums = 2,
}
