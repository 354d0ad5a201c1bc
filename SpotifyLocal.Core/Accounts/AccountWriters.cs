namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// The work writing one account's data right now (a poll, an import, a play move), so /forget can stop it first:
/// <see cref="StopAsync"/> cancels every running write of the given user ids, waits for each to end, and until the
/// returned handle is disposed cancels any new one at once. Without it a poll in flight re-inserts the last 50 plays
/// and a running import keeps writing after everything was deleted.
/// </summary>
public sealed class AccountWriters
{
    private readonly object _lock = new();
    private readonly Dictionary<string, List<Write>> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stopped = new(StringComparer.Ordinal);

    /// <summary>Registers a write for <paramref name="userId"/>; use its <see cref="Write.Token"/> for the work and dispose it at the end.</summary>
    public Write Begin(string userId, CancellationToken cancellationToken)
    {
        var write = new Write(this, userId, cancellationToken);
        lock (_lock)
        {
            if (_stopped.ContainsKey(userId))
            {
                write.Cancel();
            }

            if (!_running.TryGetValue(userId, out var list))
            {
                _running[userId] = list = [];
            }

            list.Add(write);
        }

        return write;
    }

    /// <summary>Cancels and awaits every write of these users; new ones are cancelled until the handle is disposed.</summary>
    public async Task<IDisposable> StopAsync(IReadOnlyCollection<string> userIds)
    {
        List<Write> running;
        lock (_lock)
        {
            foreach (var userId in userIds)
            {
                _stopped[userId] = _stopped.GetValueOrDefault(userId) + 1;
            }

            running = [.. userIds.SelectMany(id => _running.TryGetValue(id, out var list) ? list : [])];
        }

        foreach (var write in running)
        {
            write.Cancel();
        }

        await Task.WhenAll(running.Select(w => w.Ended));
        return new Release(this, [.. userIds]);
    }

    private void End(Write write)
    {
        lock (_lock)
        {
            if (_running.TryGetValue(write.UserId, out var list) && list.Remove(write) && list.Count == 0)
            {
                _running.Remove(write.UserId);
            }
        }
    }

    private void Resume(IReadOnlyList<string> userIds)
    {
        lock (_lock)
        {
            foreach (var userId in userIds)
            {
                if (--_stopped[userId] == 0)
                {
                    _stopped.Remove(userId);
                }
            }
        }
    }

    /// <summary>One running write; its token is cancelled by the caller's token or by /forget.</summary>
    public sealed class Write : IDisposable
    {
        private readonly AccountWriters _owner;
        private readonly CancellationTokenSource _cancellation;
        private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        internal Write(AccountWriters owner, string userId, CancellationToken cancellationToken)
        {
            _owner = owner;
            UserId = userId;
            _cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        }

        public string UserId { get; }

        public CancellationToken Token => _cancellation.Token;

        internal Task Ended => _ended.Task;

        public void Dispose()
        {
            _owner.End(this);
            _ended.TrySetResult();
            _cancellation.Dispose();
        }

        internal void Cancel()
        {
            try
            {
                _cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Ended meanwhile.
            }
        }
    }

    private sealed class Release(AccountWriters owner, IReadOnlyList<string> userIds) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Resume(userIds);
            }
        }
    }
}
