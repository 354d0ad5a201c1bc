using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/stats [period] [clock]: totals and a listening-time-per-day chart, or the listening clock.</summary>
public sealed class StatsCommandHandler(
    AccountLifecycleService accounts,
    StatsService stats,
    ChartRenderer charts,
    ISpotifyPauseStore pauses,
    TimeProvider time) : ICommandHandler<StatsCommand>
{
    public async Task<BotReply> HandleAsync(StatsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var period = stats.ParsePeriod(command.Period, user.TimeZone);
        var totals = await stats.GetTotalsAsync([user.SpotifyId], period, cancellationToken);
        var paused = user.LinkState == LinkState.Linked ? SpotifyPauseService.StatsLine(await pauses.GetAsync(cancellationToken), time.GetUtcNow()) : null;
        if (totals.Plays == 0)
        {
            return new BotReply($"No plays in {period.Label} yet. Send your Spotify data export with /import, or /link Spotify for live tracking."
                + (paused is null ? string.Empty : "\n" + paused));
        }

        var name = context.CallerName ?? user.DisplayName ?? "You";
        var header = new ChartHeader(name, period.Label);
        var text = $"{ReplyText.Count(totals.Plays, "play", "plays")} · {ReplyText.Duration(totals.MsPlayed)} listened\n"
            + $"{ReplyText.Count(totals.DistinctTracks, "song", "songs")} · {ReplyText.Count(totals.DistinctArtists, "artist", "artists")} · {ReplyText.Count(totals.DistinctAlbums, "album", "albums")}"
            + (paused is null ? string.Empty : "\n" + paused);
        byte[] png;
        if (command.Clock)
        {
            var clock = await stats.GetListeningClockAsync([user.SpotifyId], period, cancellationToken);
            png = charts.RenderListeningClock(clock, header);
        }
        else
        {
            var days = await stats.GetDailyListeningAsync([user.SpotifyId], period, cancellationToken);
            png = charts.RenderDailyListening(days, header);
        }

        return new BotReply(text)
        {
            Title = (command.Clock ? "Listening clock · " : "Listening · ") + period.Label,
            Png = png,
            PngFileName = command.Clock ? "clock.png" : "stats.png",
            Buttons =
            [
                command.Clock
                    ? ReplyButton.Command("per day", StatsCommand.Text(command.Period, clock: false))
                    : ReplyButton.Command("listening clock", StatsCommand.Text(command.Period, clock: true)),
                ReplyButton.Command("top tracks", CommandParser.TopText(command.Period, TopKind.Tracks)),
                ReplyButton.Command("top artists", CommandParser.TopText(command.Period, TopKind.Artists)),
            ],
        };
    }
}
