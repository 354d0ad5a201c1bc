using SpotifyLocal.Bot.Commands;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// One message edited in place while long work runs: at most one edit per interval and only when the
/// text changed (Telegram rate-limits edits). Edits run off the caller's thread and coalesce: only the latest
/// text waits, so a 429 never leaves a queue of stale edits behind it. The client sits out a 429's <c>retry_after</c>
/// up to <see cref="TelegramOptions.MaxFloodWait"/> (<see cref="TelegramFloodWaitHandler"/>); after a longer one the
/// latest text waits here. <see cref="FlushAsync"/> waits for the edit under way (the final answer could not get through
/// sooner anyway), but not out a retry_after waited here: what still waits then is dropped, since the final answer
/// replaces the message.
/// </summary>
internal sealed class TelegramProgressMessage(
    ITelegramBotClient bot,
    TelegramReplyRenderer renderer,
    TelegramErrorPolicy errors,
    ChatId chat,
    int messageId,
    TimeSpan interval,
    TimeProvider time,
    CancellationToken cancellationToken) : IProgress<CommandProgress>
{
    private const int BarWidth = 12;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _flushed = new();
    private Task _pump = Task.CompletedTask;
    private string? _pending;
    private bool _pumping;
    private bool _retrying;
    private DateTimeOffset? _lastEdit;
    private string? _lastText;

    public int MessageId => messageId;

    public void Report(CommandProgress value)
    {
        var text = Format(value);
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (text == _lastText || (_lastEdit is { } last && now - last < interval))
            {
                return;
            }

            _lastText = text;
            _lastEdit = now;
            _pending = text;
            if (!_pumping)
            {
                _pumping = true;
                _pump = Task.Run(PumpAsync, CancellationToken.None);
            }
        }
    }

    public async Task FlushAsync()
    {
        Task pump;
        lock (_gate)
        {
            pump = _pump;
        }

        await _flushed.CancelAsync();
        await pump;
    }

    internal static string Format(CommandProgress progress)
    {
        if (progress.Fraction is not { } fraction)
        {
            return progress.Text;
        }

        fraction = Math.Clamp(fraction, 0, 1);
        var filled = (int)Math.Round(fraction * BarWidth);
        return $"{progress.Text}\n{new string('▓', filled)}{new string('░', BarWidth - filled)} {(int)Math.Round(fraction * 100)}%";
    }

    /// <summary>Sends the latest waiting text until none waits; a 429 keeps it waiting for retry_after.</summary>
    private async Task PumpAsync()
    {
        while (true)
        {
            string text;
            lock (_gate)
            {
                if (_pending is null || (_flushed.IsCancellationRequested && _retrying))
                {
                    _pumping = false;
                    return;
                }

                text = _pending;
                _pending = null;
            }

            try
            {
                await renderer.EditTextAsync(bot, chat, messageId, new BotReply(text), cancellationToken);
            }
            catch (Exception ex) when (TelegramErrorPolicy.RetryAfter(ex) is { } retryAfter)
            {
                lock (_gate)
                {
                    _pending ??= text;
                    _retrying = true;
                }

                try
                {
                    using var wait = CancellationTokenSource.CreateLinkedTokenSource(_flushed.Token, cancellationToken);
                    await Task.Delay(retryAfter, time, wait.Token);
                }
                catch (OperationCanceledException)
                {
                    // Flushed (the final answer comes now) or shut down.
                }
            }
            catch (Exception ex) when (TelegramErrorPolicy.IsSkippable(ex))
            {
                // Logged and skipped as everywhere (403, 400, network); "not modified" is not a failure.
                errors.LogRefusal("edit progress", ex);
            }
        }
    }
}
