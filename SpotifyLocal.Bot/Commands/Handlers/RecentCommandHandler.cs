using System.Globalization;
using System.Text;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/recent: the latest stored plays in the caller's time zone.</summary>
public sealed class RecentCommandHandler(AccountLifecycleService accounts, StatsService stats) : ICommandHandler<RecentCommand>
{
    private const int Count = 10;

    public async Task<BotReply> HandleAsync(RecentCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var recent = await stats.GetRecentAsync(user.SpotifyId, Count, cancellationToken);
        if (recent.Count == 0)
        {
            return new BotReply("No plays stored yet. Send your Spotify data export with /import, or /link Spotify for live tracking.");
        }

        var zone = UserTimeZones.FindOrUtc(user.TimeZone);
        var text = new StringBuilder();
        foreach (var play in recent)
        {
            var local = TimeZoneInfo.ConvertTime(play.PlayedAt, zone);
            text.Append(local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))
                .Append("  ").Append(play.ArtistName).Append(" — ").Append(play.TrackName).Append('\n');
        }

        return new BotReply(text.ToString().TrimEnd()) { Title = "Recently played" };
    }
}
