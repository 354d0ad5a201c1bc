using System.Globalization;
using System.Text;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>
/// /compare @member [period]: in a Discord server, the caller's taste overlap with a member, both visible there, over the
/// period in the server's time zone (both people's days end at the same instants).
/// </summary>
public sealed class CompareCommandHandler(
    AccountLifecycleService accounts, StatsService stats, TasteOverlapService overlaps, SummarySettingsService serverSettings, ChartRenderer charts)
    : ICommandHandler<CompareCommand>
{
    /// <summary>Shared artists in the chart and the caption.</summary>
    public const int Limit = 10;

    private static readonly string[] QuickPeriods = ["week", "month", "year", "all"];

    public async Task<BotReply> HandleAsync(CompareCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var serverId = context.ServerId
            ?? throw new UserFacingException("/compare needs a Discord server: run it there, with a member who turned on /visibility.");
        if (command.TargetChatUserId == context.Caller.ChatUserId)
        {
            throw new UserFacingException("Pick another member: /compare puts your listening next to someone else's.");
        }

        var me = await serverSettings.FindVisibleAsync(serverId, context.Caller.ChatUserId, cancellationToken)
            ?? throw new UserFacingException("Turn on /visibility state:on in this server first: /compare shows your listening next to theirs.");
        var them = await serverSettings.FindVisibleAsync(serverId, command.TargetChatUserId, cancellationToken)
            ?? throw new UserFacingException("That member's listening is private in this server. They can share it with /visibility state:on.");

        var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
        var other = await accounts.GetUserAsync(new ChatIdentity(context.Caller.Platform, command.TargetChatUserId), cancellationToken);
        var server = await serverSettings.GetServerAsync(serverId, cancellationToken);
        var period = stats.ParsePeriod(command.Period, server.TimeZone);
        var comparison = await overlaps.CompareAsync(user.SpotifyId, other.SpotifyId, period, Limit, cancellationToken);
        var name = context.CallerName ?? me.DisplayName ?? "You";
        var otherName = command.TargetName ?? them.DisplayName ?? "This member";
        var buttons = QuickPeriods
            .Where(p => p != command.Period)
            .Select(p => ReplyButton.Command(p, CompareCommand.Text(command.TargetChatUserId, p)))
            .ToList();
        if (comparison.Plays == 0 || comparison.OtherPlays == 0)
        {
            var without = comparison.Plays == 0 && comparison.OtherPlays == 0 ? "Neither of you has" : $"{(comparison.Plays == 0 ? name : otherName)} has";
            return new BotReply($"{without} plays in {period.Label}, so there is nothing to compare yet.") { Buttons = buttons };
        }

        return new BotReply(Caption(comparison, name, otherName))
        {
            Title = $"{name} × {otherName} · {period.Label}",
            Png = charts.RenderComparison(comparison, name, otherName, period.Label),
            PngFileName = "compare.png",
            Buttons = buttons,
        };
    }

    /// <summary>The overlap, the plays behind it, the shared artists with each one's plays and share, and the artists only one played.</summary>
    public static string Caption(TasteComparison comparison, string name, string otherName)
    {
        var text = new StringBuilder()
            .Append(name).Append(" and ").Append(otherName).Append(" in ").Append(comparison.Period.Label).Append(": ")
            .Append(Percent(comparison.Overlap)).Append(" taste overlap\n")
            .Append(ReplyText.Count(comparison.SharedArtistCount, "artist", "artists")).Append(" in common · ")
            .Append(name).Append(' ').Append(ReplyText.Count(comparison.Plays, "play", "plays")).Append(" · ")
            .Append(otherName).Append(' ').Append(ReplyText.Count(comparison.OtherPlays, "play", "plays"));
        if (comparison.Shared.Count > 0)
        {
            text.Append("\n\nBoth play:");
            for (var i = 0; i < comparison.Shared.Count; i++)
            {
                var artist = comparison.Shared[i];
                text.Append('\n').Append(i + 1).Append(". ").Append(artist.Name)
                    .Append(" · ").Append(name).Append(' ').Append(Number(artist.Plays)).Append(" (").Append(Percent(artist.Share)).Append(')')
                    .Append(" · ").Append(otherName).Append(' ').Append(Number(artist.OtherPlays)).Append(" (").Append(Percent(artist.OtherShare)).Append(')');
            }
        }

        text.Append("\n\n").Append(name).Append("'s that ").Append(otherName).Append(" never played: ").Append(Names(comparison.OnlyMine))
            .Append('\n').Append(otherName).Append("'s that ").Append(name).Append(" never played: ").Append(Names(comparison.OnlyTheirs))
            .Append("\n\nOverlap: per artist, the smaller of the two shares of each one's plays, summed, over the larger ones summed.");
        return text.ToString();
    }

    private static string Names(IReadOnlyList<TopItem> artists) => artists.Count == 0 ? "none" : string.Join(", ", artists.Select(a => a.Name));

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
