namespace SpotifyLocal.Core.Storage;

/// <summary>From <see cref="FromMs"/> (Unix milliseconds) until the next span, local time is UTC plus <see cref="OffsetMs"/>.</summary>
public sealed record UtcOffsetSpan(long FromMs, long OffsetMs);
