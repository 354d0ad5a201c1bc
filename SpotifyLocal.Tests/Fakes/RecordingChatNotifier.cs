using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>An <see cref="IChatNotifier"/> that keeps what would have been sent.</summary>
public sealed class RecordingChatNotifier : IChatNotifier
{
    private readonly object _lock = new();
    private readonly List<(ChatIdentity To, ChatNotice Notice)> _sent = [];

    public IReadOnlyList<(ChatIdentity To, ChatNotice Notice)> Sent
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Drops the kept notices that match (a test helper's own traffic, such as a link question it answered).</summary>
    public void Discard(Func<(ChatIdentity To, ChatNotice Notice), bool> match)
    {
        lock (_lock)
        {
            _sent.RemoveAll(n => match(n));
        }
    }

    /// <summary>When set, every notice fails with this instead of being kept (a platform that times out).</summary>
    public Exception? Failure { get; set; }

    public Task NotifyAsync(ChatIdentity to, ChatNotice notice, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Task.FromException(failure);
        }

        lock (_lock)
        {
            _sent.Add((to, notice));
        }

        return Task.CompletedTask;
    }
}
