using SpotifyLocal.Bot.Commands;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// One message edited in place while long work runs: at most one edit per interval and only when the
/// text changed (Telegram rate-limits edits). Edits run one after another off the caller's thread;
/// <see cref="FlushAsync"/> waits for them before the final answer replaces the message.
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
    private Task _edits = Task.CompletedTask;
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
            _edits = _edits.ContinueWith(_ => EditAsync(text), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        }
    }

    public Task FlushAsync()
    {
        lock (_gate)
        {
            return _edits;
        }
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

    private Task EditAsync(string text) =>
        errors.TryAsync(
            "edit progress",
            () => renderer.EditTextAsync(bot, chat, messageId, new BotReply(text), cancellationToken),
            cancellationToken);
}
