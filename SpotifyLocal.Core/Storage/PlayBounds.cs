namespace SpotifyLocal.Core.Storage;

/// <summary>The earliest and the latest stored play of some users (both null when they have none).</summary>
public sealed record PlayBounds(DateTimeOffset? Earliest, DateTimeOffset? Latest);
