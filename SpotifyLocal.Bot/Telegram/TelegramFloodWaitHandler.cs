using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// The Telegram client's one answer to flood control: a 429 waits its <c>parameters.retry_after</c>
/// (https://core.telegram.org/bots/api#responseparameters) on the injected <see cref="TimeProvider"/> and sends the same
/// request again. Safe for message-creating calls too: a 429 means Telegram did not deliver it. A request waits at most
/// <see cref="TelegramOptions.MaxFloodWait"/> in all; a retry_after beyond that is logged and the 429 goes to the caller.
/// </summary>
internal sealed partial class TelegramFloodWaitHandler(
    TimeProvider time,
    IOptions<TelegramOptions> options,
    ILogger<TelegramFloodWaitHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.TooManyRequests || await RetryAfterAsync(response, cancellationToken) is not { } retryAfter)
            {
                return response;
            }

            // The URL holds the bot token; only its last segment, the method, is logged.
            var method = request.RequestUri?.Segments[^1] ?? "?";
            var limit = options.Value.MaxFloodWait;
            if (waited + retryAfter > limit)
            {
                LogGivingUp(logger, method, (int)retryAfter.TotalSeconds, limit);
                return response;
            }

            response.Dispose();
            LogWaiting(logger, method, (int)retryAfter.TotalSeconds);
            await Task.Delay(retryAfter, time, cancellationToken);
            waited += retryAfter;
        }
    }

    /// <summary>retry_after from the error body, read as Telegram.Bot reads it; the body stays readable for Telegram.Bot.</summary>
    private static async Task<TimeSpan?> RetryAfterAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ApiResponse>(JsonBotAPI.Options, cancellationToken);
            return error?.Parameters?.RetryAfter is int seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telegram flood control: {Method} waits {RetryAfterSeconds} s as Telegram asks, then goes again")]
    private static partial void LogWaiting(ILogger logger, string method, int retryAfterSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telegram flood control: {Method} would have to wait {RetryAfterSeconds} s, longer than Telegram:MaxFloodWait ({MaxFloodWait}); not sent")]
    private static partial void LogGivingUp(ILogger logger, string method, int retryAfterSeconds, TimeSpan maxFloodWait);
}
