namespace SpotifyLocal.Core.Storage;

/// <summary>The plays, listening time and first/last play time of one <see cref="PlayRollupKey"/>.</summary>
public sealed record PlayRollup(PlayRollupKey Id, int Plays, long MsPlayed, DateTimeOffset FirstPlayedAt, DateTimeOffset LastPlayedAt);
