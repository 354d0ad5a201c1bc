using System.Collections.Concurrent;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>An <see cref="IChatNotifier"/> that keeps what would have been sent.</summary>
public sealed class RecordingChatNotifier : IChatNotifier
{
    private readonly ConcurrentQueue<(ChatIdentity To, ChatNotice Notice)> _sent = new();

    public IReadOnlyList<(ChatIdentity To, ChatNotice Notice)> Sent => _sent.ToList();

    public Task NotifyAsync(ChatIdentity to, ChatNotice notice, CancellationToken cancellationToken)
    {
        _sent.Enqueue((to, notice));
        return Task.CompletedTask;
    }
}
