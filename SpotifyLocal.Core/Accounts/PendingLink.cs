using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>An authorize URL handed out to a chat identity, waiting for Spotify's callback until <see cref="ExpiresAt"/>.</summary>
public sealed record PendingLink(ChatIdentity Identity, DateTimeOffset ExpiresAt);
