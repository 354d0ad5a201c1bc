using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/stats [period]: totals and a listening-time-per-day chart.</summary>
public sealed class StatsCommandHandler(ChatAccountService accounts, StatsService stats, ChartRenderer charts) : ICommandHandler<StatsCommand>
{
    public async Task<BotReply> HandleAsync(StatsCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var period = stats.ParsePeriod(command.Period, user.TimeZone);
        var totals = await stats.GetTotalsAsync([user.SpotifyId], period, cancellationToken);
        if (totals.Plays == 0)
        {
            return new BotReply($"No plays in {period.Label} yet. Send your Spotify data export with /import, or /link Spotify for live tracking.");
        }

        var days = await stats.GetDailyListeningAsync([user.SpotifyId], period, cancellationToken);
        var name = context.CallerName ?? user.DisplayName ?? "You";
        var text = $"{ReplyText.Count(totals.Plays, "play", "plays")} · {ReplyText.Duration(totals.MsPlayed)} listened\n"
            + $"{ReplyText.Count(totals.DistinctTracks, "song", "songs")} · {ReplyText.Count(totals.DistinctArtists, "artist", "artists")} · {ReplyText.Count(totals.DistinctAlbums, "album", "albums")}";
        return new BotReply(text)
        {
            Title = $"Listening · {period.Label}",
            Png = charts.RenderDailyListening(days, new ChartHeader(name, period.Label)),
            PngFileName = "stats.png",
            Buttons = [ReplyButton.Command("top tracks", CommandParser.TopText(command.Period, Core.Storage.TopKind.Tracks)), ReplyButton.Command("top artists", CommandParser.TopText(command.Period, Core.Storage.TopKind.Artists))],
        };
    }
}
