using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// One recently-played poll for one user: <c>after</c> = the newest stored play, so each call returns only new
/// plays; they are stored through <see cref="PlayBatchWriter"/> (duplicates skipped) and <c>LastCheckAt</c> is set.
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
            return new PollResult(0, 0, false);
        }
    }

    private async Task<PollResult> PollOnceAsync(string spotifyId, CancellationToken cancellationToken)
    {
        var after = await plays.GetLatestPlayedAtAsync(spotifyId, cancellationToken);
        var page = await tokens.CallAsync(spotifyId, (token, ct) => api.GetRecentlyPlayedAsync(token, after, ct), cancellationToken);
        var fresh = TrackedPlays.From(spotifyId, page.Items, after);
        var stored = fresh.Count > 0 ? await writer.WriteAsync(fresh, cancellationToken) : InsertResult.Empty;
        var possibleGap = after is not null && page.Items.Count >= SpotifyApiClient.RecentlyPlayedLimit;
        if (possibleGap)
        {
            LogPossibleGap(logger, spotifyId, after!.Value);
        }

        await users.RecordCheckAsync(spotifyId, timeProvider.GetUtcNow(), cancellationToken);

        return new PollResult(page.Items.Count, stored.Inserted, possibleGap);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recently-played returned a full page for {SpotifyId} after {After}: plays between may be lost")]
    private static partial void LogPossibleGap(ILogger logger, string spotifyId, DateTimeOffset after);
}
