namespace SpotifyLocal.Core.Storage;

/// <summary>Plays of <see cref="FromUserId"/> (a chat identity's local id) still to move to <see cref="ToUserId"/> (the linked Spotify user).</summary>
public sealed record PlayMove(string FromUserId, string ToUserId, DateTimeOffset RequestedAt);
