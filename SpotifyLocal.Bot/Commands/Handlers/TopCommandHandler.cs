using System.Text;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>
/// /top [period] [kind]: a ranked chart and caption, with buttons to switch period and kind. Another member's list
/// (Discord <c>/top user:</c>) is shown only when that member turned on /visibility in this server.
/// </summary>
public sealed class TopCommandHandler(AccountLifecycleService accounts, StatsService stats, ChartRenderer charts, SummarySettingsService serverSettings)
    : ICommandHandler<TopCommand>
{
    /// <summary>Rows in the chart and the caption.</summary>
    public const int Limit = 10;

    private static readonly string[] QuickPeriods = ["week", "month", "year", "all"];

    public async Task<BotReply> HandleAsync(TopCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var subject = context.Caller;
        string? subjectName = null;
        if (command.TargetChatUserId is { } target && target != context.Caller.ChatUserId)
        {
            var member = context.ServerId is { } serverId
                ? await serverSettings.FindVisibleAsync(serverId, target, cancellationToken)
                : null;
            if (member is null)
            {
                throw new UserFacingException("That member's listening is private in this server. They can share it with /visibility state:on.");
            }

            subject = new ChatIdentity(context.Caller.Platform, target);
            subjectName = member.DisplayName ?? "This member";
        }

        var user = await accounts.GetUserAsync(subject, cancellationToken);
        var period = stats.ParsePeriod(command.Period, user.TimeZone);
        var items = await stats.GetTopAsync([user.SpotifyId], period, command.Kind, Limit, cancellationToken);
        // Buttons re-run /top for the caller, so another member's list gets none.
        var buttons = subjectName is null ? Buttons(command) : [];
        if (items.Count == 0)
        {
            return new BotReply($"No plays in {period.Label} yet. Send your Spotify data export with /import, or /link Spotify for live tracking.")
            {
                Buttons = buttons,
            };
        }

        var name = subjectName ?? context.CallerName ?? user.DisplayName ?? "You";
        var kind = command.Kind.ToString().ToLowerInvariant();
        var title = subjectName is null ? $"Top {kind} · {period.Label}" : $"{subjectName}'s top {kind} · {period.Label}";
        return new BotReply(Caption(items, command.Kind))
        {
            Title = title,
            Png = charts.RenderTop(items, command.Kind, new ChartHeader(name, period.Label)),
            PngFileName = "top.png",
            Buttons = buttons,
        };
    }

    /// <summary>"1. Artist — Title · 12 plays · 41 min" per row.</summary>
    public static string Caption(IReadOnlyList<TopItem> items, TopKind kind)
    {
        var text = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            text.Append(i + 1).Append(". ");
            if (kind != TopKind.Artists && item.ArtistName is { Length: > 0 } artist)
            {
                text.Append(artist).Append(" — ");
            }

            text.Append(item.Name)
                .Append(" · ").Append(ReplyText.Count(item.Plays, "play", "plays"))
                .Append(" · ").Append(ReplyText.Duration(item.MsPlayed))
                .Append('\n');
        }

        return text.ToString().TrimEnd();
    }

    private static List<ReplyButton> Buttons(TopCommand command)
    {
        var buttons = QuickPeriods
            .Where(p => p != command.Period)
            .Select(p => ReplyButton.Command(p, CommandParser.TopText(p, command.Kind)))
            .ToList();
        buttons.AddRange(Enum.GetValues<TopKind>()
            .Where(k => k != command.Kind)
            .Select(k => ReplyButton.Command(k.ToString().ToLowerInvariant(), CommandParser.TopText(command.Period, k))));
        return buttons;
    }
}
