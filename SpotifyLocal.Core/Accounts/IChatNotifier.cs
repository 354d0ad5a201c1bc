using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Sends an unsolicited private message to a chat identity. Chat adapters implement it; the default only
/// logs, so the host runs without any adapter. Implementations must not throw for an unreachable user.
/// </summary>
public interface IChatNotifier
{
    Task NotifyAsync(ChatIdentity to, ChatNotice notice, CancellationToken cancellationToken);
}
