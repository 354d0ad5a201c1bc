using System.Globalization;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// Spotify's app-wide pause across restarts and for users: restores the stored pause into the
/// <see cref="SpotifyRateGate"/> at start, and tells every linked user once when it is long enough to miss plays
/// (longer than <see cref="PollSchedule.MaxSafeInterval"/>: more than the 50 plays recently-played keeps).
/// </summary>
public sealed class SpotifyPauseService(
    SpotifyRateGate gate,
    ISpotifyPauseStore store,
    IChatLinkStore chatLinks,
    IChatNotifier notifier,
    TimeProvider time,
    ILogger<SpotifyPauseService> logger)
{
    /// <summary>Takes over the stored pause (call before the first request).</summary>
    public async Task RestoreAsync(CancellationToken cancellationToken)
    {
        if (await store.GetAsync(cancellationToken) is { } stored)
        {
            gate.Restore(stored);
        }
    }

    /// <summary>Tells the linked users once per pause that tracking stopped long enough to miss plays; returns whether it did.</summary>
    public async Task<bool> TellUsersIfLongAsync(IReadOnlyList<User> linked, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (gate.Current is not { } pause || pause.Until <= now || pause.UsersToldAt is not null || !MayMissPlays(pause))
        {
            return false;
        }

        // Recorded before sending: a failing chat loses one notice instead of repeating it every tick.
        await store.SaveAsync(gate.MarkUsersTold(now)!, cancellationToken);
        var text = Describe(pause) + " Plays beyond your last 50 in that time cannot be tracked live; send your Spotify data export with /import later to fill the gap.";
        foreach (var user in linked)
        {
            foreach (var identity in await chatLinks.ListForUserAsync(user.SpotifyId, cancellationToken))
            {
                try
                {
                    await notifier.NotifyAsync(identity, new ChatNotice(text, OfferLink: false), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Telling a {Platform} identity of user {UserId} about the Spotify pause failed", identity.Platform, user.SpotifyId);
                }
            }
        }

        return true;
    }

    /// <summary>The line /stats shows while a pause that can miss plays runs, or null.</summary>
    public static string? StatsLine(SpotifyPause? pause, DateTimeOffset now) =>
        pause is { } p && p.Until > now && MayMissPlays(p)
            ? Describe(p) + " Plays beyond the last 50 in that time may be missing here."
            : null;

    private static bool MayMissPlays(SpotifyPause pause) => pause.Until - pause.Since > PollSchedule.MaxSafeInterval;

    private static string Describe(SpotifyPause pause) =>
        string.Create(CultureInfo.InvariantCulture, $"Live tracking is paused: Spotify asked this bot to stop calling it until {pause.Until.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
}
