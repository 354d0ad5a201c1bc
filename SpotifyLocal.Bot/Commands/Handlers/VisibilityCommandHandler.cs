using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/visibility on|off: the caller's consent to appear in this server's leaderboards, weekly posts and others' /top user:.</summary>
public sealed class VisibilityCommandHandler(SummarySettingsService settings) : ICommandHandler<VisibilityCommand>
{
    public async Task<BotReply> HandleAsync(VisibilityCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var serverId = ServerCommandGuard.ServerId(context, command.Name);
        var member = context.Caller.ChatUserId;
        if (command.Visible is { } visible)
        {
            await settings.SetVisibleAsync(serverId, member, context.CallerName, visible, cancellationToken);
            return new BotReply(visible
                ? "You are visible in this server: your listening counts in /server top and the weekly post, and members can see your /top."
                : "You are hidden in this server again: nobody here sees your listening.") { Private = true };
        }

        return new BotReply(await settings.IsVisibleAsync(serverId, member, cancellationToken)
            ? "You are visible in this server. Hide with /visibility state:off."
            : "You are hidden in this server (the default). Show your listening here with /visibility state:on.") { Private = true };
    }
}
