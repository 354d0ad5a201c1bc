using Telegram.Bot.Exceptions;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// What the adapter does when Telegram refuses a call: a user who blocked the bot (403), a message that can't
/// be edited or wasn't changed (400), flood control longer than <see cref="TelegramOptions.MaxFloodWait"/> (429; shorter
/// waits <see cref="TelegramFloodWaitHandler"/> sits out and sends again) and network failures are logged and skipped, so
/// one bad update never stops the poll loop. Message-creating calls are not retried after a network failure (it may
/// have been delivered, and a retry could post the answer twice).
/// </summary>
public sealed class TelegramErrorPolicy(ILogger<TelegramErrorPolicy> logger)
{
    /// <summary>Runs one Telegram call; false when Telegram refused it or could not be reached.</summary>
    public async Task<bool> TryAsync(string action, Func<Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call();
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (IsSkippable(ex))
        {
            LogRefusal(action, ex);
            // "Not modified": the message already shows exactly this, so what the edit wanted is on screen.
            return IsNotModified(ex);
        }
    }

    /// <summary>Telegram's answer to an edit identical to what the message shows (https://core.telegram.org/bots/api#editmessagetext).</summary>
    internal static bool IsNotModified(Exception ex) =>
        ex is ApiRequestException { ErrorCode: 400 } api && api.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase);

    internal static bool IsSkippable(Exception ex) => ex is RequestException or HttpRequestException or TaskCanceledException;

    internal static TimeSpan? RetryAfter(Exception ex) =>
        ex is ApiRequestException { Parameters.RetryAfter: { } seconds } ? TimeSpan.FromSeconds(seconds) : null;

    /// <summary>Logs a call Telegram refused or that could not reach it (never with the token, which only the URL holds).</summary>
    internal void LogRefusal(string action, Exception ex)
    {
        switch (ex)
        {
            case ApiRequestException api when IsNotModified(api):
                logger.LogDebug("Telegram: nothing to {Action}, the message already shows it", action);
                break;
            case ApiRequestException { ErrorCode: 403 } api:
                logger.LogInformation("Telegram refused to {Action}: {Description} (the user blocked the bot or left the chat)", action, api.Message);
                break;
            case ApiRequestException { ErrorCode: 400 } api:
                logger.LogInformation("Telegram refused to {Action}: {Description}", action, api.Message);
                break;
            case ApiRequestException { ErrorCode: 429 } api:
                logger.LogWarning("Telegram flood control: could not {Action}, retry after {RetryAfterSeconds} s", action, api.Parameters?.RetryAfter);
                break;
            case ApiRequestException api:
                logger.LogWarning("Telegram refused to {Action}: {ErrorCode} {Description}", action, api.ErrorCode, api.Message);
                break;
            default:
                logger.LogWarning(ex, "Could not reach Telegram to {Action}", action);
                break;
        }
    }
}
