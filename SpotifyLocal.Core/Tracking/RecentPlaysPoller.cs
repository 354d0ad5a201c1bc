using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// One recently-played poll for one user. It asks for the newest 50 plays without an <c>after</c> cursor: Spotify
/// lists some plays minutes to hours late, with a <c>played_at</c> older than plays already listed, and an exclusive
/// cursor would skip them for good. Every item is written through <see cref="PlayBatchWriter"/>, whose dedupe drops
/// what is already stored. The newest <em>tracked</em> play (never an imported one) tells whether plays may have
/// been lost: a full page that starts after it. <c>LastCheckAt</c> is set.
/// </summary>
public sealed partial class RecentPlaysPoller(
    SpotifyApiClient api,
    SpotifyTokenService tokens,
    IPlayStore plays,
    IUserStore users,
    PlayBatchWriter writer,
    AccountWriters writers,
    TimeProvider timeProvider,
    ILogger<RecentPlaysPoller> logger)
{
    public async Task<PollResult> PollAsync(string spotifyId, CancellationToken cancellationToken)
    {
        // /forget cancels a poll in flight (and waits for it) before it deletes, so no poll writes plays back.
        using var write = writers.Begin(spotifyId, cancellationToken);
        try
        {
            return await PollOnceAsync(spotifyId, write.Token);
        }
        catch (OperationCanceledException) when (write.Token.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new PollResult(0, 0, false, null);
        }
    }

    private async Task<PollResult> PollOnceAsync(string spotifyId, CancellationToken cancellationToken)
    {
        var newestTracked = await plays.GetLatestTrackedAtAsync(spotifyId, cancellationToken);
        var page = await tokens.CallAsync(spotifyId, (token, ct) => api.GetRecentlyPlayedAsync(token, after: null, ct), cancellationToken);
        var listed = TrackedPlays.From(spotifyId, page.Items, out var skipped);
        if (skipped > 0)
        {
            LogSkipped(logger, skipped, spotifyId);
        }

        var stored = listed.Count > 0 ? await writer.WriteAsync(listed, cancellationToken) : InsertResult.Empty;
        var full = page.Items.Count >= SpotifyApiClient.RecentlyPlayedLimit;
        var oldest = listed.Count > 0 ? listed.Min(p => p.PlayedAt) : (DateTimeOffset?)null;
        var possibleGap = full && newestTracked is not null && oldest > newestTracked;
        if (possibleGap)
        {
            LogPossibleGap(logger, spotifyId, newestTracked!.Value, oldest!.Value);
        }

        await users.RecordCheckAsync(spotifyId, timeProvider.GetUtcNow(), cancellationToken);

        // How long the user took for the plays on a full page: the schedule polls again before that much time passes.
        var windowSpan = full && listed.Count > 1 ? listed.Max(p => p.PlayedAt) - oldest!.Value : (TimeSpan?)null;
        return new PollResult(page.Items.Count, stored.Inserted, possibleGap, windowSpan);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recently-played for {SpotifyId} starts at {Oldest}, after the newest tracked play {NewestTracked}: plays between may be lost")]
    private static partial void LogPossibleGap(ILogger logger, string spotifyId, DateTimeOffset newestTracked, DateTimeOffset oldest);

    [LoggerMessage(Level = LogLevel.Information, Message = "Skipped {Count} recently-played items of {SpotifyId} that are not plays (no track, or unreadable)")]
    private static partial void LogSkipped(ILogger logger, int count, string spotifyId);
}
