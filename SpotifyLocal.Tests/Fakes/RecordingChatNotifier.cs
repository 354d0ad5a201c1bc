using System.Collections.Concurrent;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>An <see cref="IChatNotifier"/> that keeps what would have been sent.</summary>
public sealed class RecordingChatNotifier : IChatNotifier
{
    private readonly ConcurrentQueue<(ChatIdentity To, ChatNotice Notice)> _sent = new();

    public IReadOnlyList<(ChatIdentity To, ChatNotice Notice)> Sent => _sent.ToList();

    /// <summary>When set, every notice fails with this instead of being kept (a platform that times out).</summary>
    public Exception? Failure { get; set; }

    public Task NotifyAsync(ChatIdentity to, ChatNotice notice, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Task.FromException(failure);
        }

        _sent.Enqueue((to, notice));
        return Task.CompletedTask;
    }
}
