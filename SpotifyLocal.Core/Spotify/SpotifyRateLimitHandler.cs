using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// The innermost handler of both Spotify clients: refuses to send while the app is paused by a 429, and turns
/// a 429 into an app-wide pause (Retry-After) or a polling pause (<c>QUOTA_EXCEEDED</c>) plus a typed exception.
/// It sits inside the retry pipeline, so a 429 is never retried blindly.
/// </summary>
internal sealed partial class SpotifyRateLimitHandler(
    SpotifyRateGate gate,
    ISpotifyPauseStore pauses,
    TimeProvider timeProvider,
    IOptions<SpotifyOptions> options,
    ILogger<SpotifyRateLimitHandler> logger) : DelegatingHandler
{
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var remaining = gate.RequestPauseRemaining;
        if (remaining > TimeSpan.Zero)
        {
            throw new SpotifyRateLimitedException(remaining);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            return response;
        }

        using (response)
        {
            var retryAfter = ReadRetryAfter(response) ?? DefaultRetryAfter;
            if (await IsQuotaExceededAsync(response, cancellationToken))
            {
                var pause = options.Value.QuotaExceededPause;
                gate.PausePolling(pause);
                await StoreAsync(gate.PauseRequests(retryAfter));
                LogQuotaExceeded(logger, pause);
                throw new SpotifyQuotaExceededException(pause);
            }

            await StoreAsync(gate.PauseRequests(retryAfter));
            LogRateLimited(logger, retryAfter);
            throw new SpotifyRateLimitedException(retryAfter);
        }
    }

    /// <summary>Stores the pause at once, so a restart keeps it; a storage failure keeps it in memory only.</summary>
    private async Task StoreAsync(SpotifyPause pause)
    {
        try
        {
            await pauses.SaveAsync(pause, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Storing the Spotify pause until {Until} failed; it holds until this process stops", pause.Until);
        }
    }

    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var left = date - timeProvider.GetUtcNow();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }

        return null;
    }

    private static async Task<bool> IsQuotaExceededAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var error = await JsonSerializer.DeserializeAsync(body, SpotifyJsonContext.Default.SpotifyErrorDto, cancellationToken);
            return string.Equals(error?.Error?.Reason, "QUOTA_EXCEEDED", StringComparison.OrdinalIgnoreCase);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify answered 429; pausing every Spotify request for {RetryAfter}")]
    private static partial void LogRateLimited(ILogger logger, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify quota exceeded; pausing polling for {Pause}")]
    private static partial void LogQuotaExceeded(ILogger logger, TimeSpan pause);
}
