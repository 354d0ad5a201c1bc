using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// What the account page shows for the signed-in chat identity: its user (Spotify link state, time zone), whether the
/// bot can link Spotify at all, the Spotify account waiting for confirmation in the chat, and the private weekly
/// summary (null where the platform gets none).
/// </summary>
public sealed record AccountOverview(
    ChatIdentity Identity,
    User User,
    bool LinkingEnabled,
    string? PendingAccountName,
    bool? WeeklyEnabled);
