namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Which updates the bot holds and which it has finished, so getUpdates confirms only handled ones: Telegram
/// forgets every update below the <c>offset</c> of the next call (core.telegram.org/bots/api#getupdates), so the
/// offset is the lowest update still in hand, or one past the newest seen when nothing is (the run of finished ids
/// without gaps). Updates Telegram sends again while in hand or finished above that run are not handled twice by this
/// process; after a restart, those finished above the run come again (the ledger lives in memory: at least once).
/// </summary>
public sealed class TelegramUpdateLedger
{
    private readonly Lock _gate = new();
    private readonly SortedSet<int> _inHand = [];
    private readonly HashSet<int> _finished = [];
    private int _nextUnseen;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The offset for the next getUpdates call, or null before the first update.</summary>
    public int? Offset
    {
        get
        {
            lock (_gate)
            {
                return _inHand.Count > 0 ? _inHand.Min : _nextUnseen == 0 ? null : _nextUnseen;
            }
        }
    }

    /// <summary>Whether anything is in hand (then getUpdates returns at once: its offset is below what Telegram holds).</summary>
    public bool HasUpdatesInHand
    {
        get
        {
            lock (_gate)
            {
                return _inHand.Count > 0;
            }
        }
    }

    /// <summary>Completes when the next update finishes.</summary>
    public Task NextFinished
    {
        get
        {
            lock (_gate)
            {
                return _progress.Task;
            }
        }
    }

    /// <summary>Takes an update delivered by getUpdates; false when it is already in hand or finished (a re-delivery).</summary>
    public bool TryTake(int updateId)
    {
        lock (_gate)
        {
            // Below the floor everything is finished (ids only grow): a call sent before the floor moved returns them again.
            var floor = _inHand.Count > 0 ? _inHand.Min : _nextUnseen;
            if (updateId < floor || _inHand.Contains(updateId) || _finished.Contains(updateId))
            {
                return false;
            }

            _inHand.Add(updateId);
            _nextUnseen = Math.Max(_nextUnseen, updateId + 1);
            return true;
        }
    }

    /// <summary>The update was handled (answered, or failed and logged): it may be confirmed.</summary>
    public void Finish(int updateId)
    {
        TaskCompletionSource progress;
        lock (_gate)
        {
            _inHand.Remove(updateId);
            _finished.Add(updateId);
            var floor = _inHand.Count > 0 ? _inHand.Min : _nextUnseen;
            _finished.RemoveWhere(id => id < floor);
            progress = _progress;
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        progress.TrySetResult();
    }
}
