namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Runs updates one after another within a chat (replies keep their order) and different chats side by side, at
/// most <c>maxConcurrentChats</c> at once, so one user's long import does not hold up everyone else.
/// </summary>
public sealed class TelegramChatQueue(int maxConcurrentChats)
{
    private readonly SemaphoreSlim _slots = new(maxConcurrentChats, maxConcurrentChats);
    private readonly Dictionary<long, Task> _tails = [];
    private readonly Lock _gate = new();

    /// <summary>Queues <paramref name="work"/> after the chat's earlier work; <paramref name="work"/> must not throw.</summary>
    public void Enqueue(long chatId, Func<Task> work)
    {
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(chatId) ?? Task.CompletedTask;
            var next = RunAfterAsync(previous, work);
            _tails[chatId] = next;
            _ = next.ContinueWith(finished => Forget(chatId, finished), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Completes when every queued update has been handled (used at shutdown).</summary>
    public Task DrainAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_tails.Values.ToArray());
        }
    }

    private async Task RunAfterAsync(Task previous, Func<Task> work)
    {
        await previous;
        await _slots.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            _slots.Release();
        }
    }

    private void Forget(long chatId, Task finished)
    {
        lock (_gate)
        {
            if (_tails.TryGetValue(chatId, out var tail) && tail == finished)
            {
                _tails.Remove(chatId);
            }
        }
    }
}
