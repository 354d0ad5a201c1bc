namespace SpotifyLocal.Core.Storage;

/// <summary>One day row: the UTC day number and the <see cref="PlayRollup"/> of that day's plays.</summary>
public sealed record PlayDayRollup(long Day, PlayRollup Rollup);
