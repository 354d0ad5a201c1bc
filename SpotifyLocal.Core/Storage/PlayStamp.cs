namespace SpotifyLocal.Core.Storage;

/// <summary>The identity of a stored play, enough to recognise the same play reported by another source.</summary>
public sealed record PlayStamp(DateTimeOffset PlayedAt, string TrackId, string TrackKey, PlaySource Source, int MsPlayed);
