using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// Spotify refresh tokens die six months after consent and refreshing does not extend them: a few days before
/// (<see cref="TrackingOptions.RelinkReminderLead"/>) each linked user is reminded once, per consent, to /link again.
/// </summary>
public sealed class RelinkReminderService(
    IUserStore users,
    IChatLinkStore chatLinks,
    IChatNotifier notifier,
    IOptions<TrackingOptions> options,
    TimeProvider timeProvider,
    ILogger<RelinkReminderService> logger)
{
    /// <summary>How long Spotify honours a refresh token after the user's consent.</summary>
    public static DateTimeOffset TokenDeath(DateTimeOffset consentedAt) => consentedAt.AddMonths(6);

    /// <summary>Reminds the users among <paramref name="linked"/> whose link dies soon and who were not reminded since they consented; returns how many.</summary>
    public async Task<int> SendDueAsync(IReadOnlyList<User> linked, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var sent = 0;
        foreach (var user in linked)
        {
            // Past the death the reminder would name a day gone by: the failing refresh tells the user to link again instead.
            if (user.ConsentedAt is not { } consentedAt
                || now < TokenDeath(consentedAt) - options.Value.RelinkReminderLead
                || now >= TokenDeath(consentedAt)
                || user.RelinkReminderSentAt >= consentedAt)
            {
                continue;
            }

            // The bot speaks English: the date must not follow the server's culture ("20 Mai 2027" on a German host).
            var text = string.Create(CultureInfo.InvariantCulture, $"Your Spotify link ends on {TokenDeath(consentedAt):d MMMM yyyy} (Spotify ends every app's access six months after you agree). ")
                + "Send /link before then to keep live tracking; your stored plays stay either way.";
            // Recorded before sending: a notifier that fails loses one reminder instead of repeating it every tick.
            await users.MarkRelinkReminderSentAsync(user.SpotifyId, now, cancellationToken);
            sent++;
            foreach (var identity in await chatLinks.ListForUserAsync(user.SpotifyId, cancellationToken))
            {
                try
                {
                    await notifier.NotifyAsync(identity, new ChatNotice(text, OfferLink: true), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(ex, "Relink reminder to a {Platform} identity of user {UserId} failed", identity.Platform, user.SpotifyId);
                }
            }
        }

        return sent;
    }
}
