using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord.Rest;

namespace SpotifyLocal.Bot.Discord;

/// <summary>
/// Shows long-running work by editing the deferred response: the first report at once, later ones at most every
/// <see cref="MinInterval"/> (webhook edits are rate limited), one edit in flight at a time.
/// </summary>
public sealed class DiscordProgressReporter(
    DiscordRestClient rest, InteractionWebhook webhook, TimeProvider time,
    ILogger logger, CancellationToken cancellationToken) : IProgress<CommandProgress>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(2);

    private readonly Lock _lock = new();
    private Task _pending = Task.CompletedTask;
    private DateTimeOffset? _lastEdit;

    public void Report(CommandProgress value)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (!_pending.IsCompleted || (_lastEdit is { } last && now - last < MinInterval))
            {
                return;
            }

            _lastEdit = now;
            _pending = EditAsync(value);
        }
    }

    /// <summary>Waits for an edit in flight, so the final answer is never overwritten by a late progress line.</summary>
    public Task FlushAsync()
    {
        lock (_lock)
        {
            return _pending;
        }
    }

    private async Task EditAsync(CommandProgress value)
    {
        try
        {
            await rest.EditOriginalResponseAsync(webhook, DiscordReplyRenderer.Progress(value), null, cancellationToken);
        }
        catch (Exception ex) when (ex is DiscordApiException or HttpRequestException or OperationCanceledException)
        {
            logger.LogDebug(ex, "A Discord progress edit failed");
        }
    }
}
