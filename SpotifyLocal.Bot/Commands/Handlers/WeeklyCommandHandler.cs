using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/weekly on|off in a private chat: the caller's own weekly summary, on platforms that can deliver one.</summary>
public sealed class WeeklyCommandHandler(SummarySettingsService settings, IEnumerable<ISummaryPublisher> publishers) : ICommandHandler<WeeklyCommand>
{
    public async Task<BotReply> HandleAsync(WeeklyCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller;
        if (!publishers.Any(p => p.Platform == caller.Platform))
        {
            return BotReply.Error("Private weekly summaries are sent in Telegram: run /weekly on in a private chat with the bot there. In a Discord server, admins post one for everybody with /weekly channel:#stats.");
        }

        if (command.Enabled is { } enabled)
        {
            await settings.SetWeeklyAsync(caller, enabled, cancellationToken);
            return new BotReply(enabled
                ? "Weekly summary on: every Monday morning (your time zone, see /timezone) you get your top artists and tracks of the week before."
                : "Weekly summary off.") { Private = true };
        }

        return new BotReply(await settings.IsWeeklyAsync(caller, cancellationToken)
            ? "Your weekly summary is on. Turn it off with /weekly off."
            : "Your weekly summary is off. Turn it on with /weekly on.") { Private = true };
    }
}
