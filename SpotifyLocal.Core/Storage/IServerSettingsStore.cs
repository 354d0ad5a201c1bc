namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Per-server settings and the members who opted in to being visible there. Nobody is visible by default: a
/// member without a row is never shown to others.
/// </summary>
public interface IServerSettingsStore
{
    Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the settings of <see cref="ServerSettings.ServerId"/>.</summary>
    Task UpsertAsync(ServerSettings settings, CancellationToken cancellationToken);

    /// <summary>Servers with weekly posting on and a channel set, ordered by id.</summary>
    Task<IReadOnlyList<ServerSettings>> ListWeeklyEnabledAsync(CancellationToken cancellationToken);

    /// <summary>Records (or refreshes the name of) a member who opted in.</summary>
    Task SetVisibleAsync(VisibleMember member, CancellationToken cancellationToken);

    /// <summary>Withdraws a member's opt-in in one server; false when there was none.</summary>
    Task<bool> RemoveVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken);

    Task<bool> IsVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken);

    /// <summary>The members visible in the server, ordered by chat user id.</summary>
    Task<IReadOnlyList<VisibleMember>> ListVisibleAsync(string serverId, CancellationToken cancellationToken);

    /// <summary>Withdraws a chat user's opt-in in every server (when they ask to be forgotten); returns how many.</summary>
    Task<int> RemoveVisibleEverywhereAsync(string chatUserId, CancellationToken cancellationToken);
}
