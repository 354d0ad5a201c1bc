using System.Globalization;
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

    /// <summary>
    /// The longest pause a 429 can cause. Reported Retry-After values reach 22–24 hours (PROTOCOLS.md); anything beyond a day
    /// is treated as a day, after which one request finds out whether the ban still holds.
    /// </summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromDays(1);

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

    /// <summary>
    /// Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), at most <see cref="MaxRetryAfter"/>; null when absent
    /// or unreadable. Read raw: a number too large for the typed header must still count as "very long", not as absent.
    /// </summary>
    private TimeSpan? ReadRetryAfter(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("Retry-After", out var values) || values.FirstOrDefault()?.Trim() is not { Length: > 0 } raw)
        {
            return null;
        }

        TimeSpan wait;
        if (raw.All(char.IsAsciiDigit))
        {
            wait = raw.Length > 9 ? TimeSpan.MaxValue : TimeSpan.FromSeconds(long.Parse(raw, CultureInfo.InvariantCulture));
        }
        else if (DateTimeOffset.TryParseExact(raw, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var left = date - timeProvider.GetUtcNow();
            wait = left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
        else
        {
            return null;
        }

        if (wait <= MaxRetryAfter)
        {
            return wait;
        }

        LogRetryAfterCapped(logger, raw, MaxRetryAfter);
        return MaxRetryAfter;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify asked to wait {RetryAfter} (Retry-After); waiting {Max} instead")]
    private static partial void LogRetryAfterCapped(ILogger logger, string retryAfter, TimeSpan max);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify quota exceeded; pausing polling for {Pause}")]
    private static partial void LogQuotaExceeded(ILogger logger, TimeSpan pause);
}
