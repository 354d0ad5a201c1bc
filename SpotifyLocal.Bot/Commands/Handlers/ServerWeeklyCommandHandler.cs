using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/weekly in a server: turns the weekly post on in a channel, off, or shows where it goes. Admins only.</summary>
public sealed class ServerWeeklyCommandHandler(SummarySettingsService settings) : ICommandHandler<ServerWeeklyCommand>
{
    public async Task<BotReply> HandleAsync(ServerWeeklyCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var serverId = ServerCommandGuard.ServerId(context, command.Name);
        if (!context.CallerManagesServer)
        {
            return BotReply.Error(ServerCommandGuard.AdminOnly);
        }

        var current = await settings.GetServerAsync(serverId, cancellationToken);
        if (command.ChannelId is { } channelId)
        {
            var updated = await settings.SetWeeklyChannelAsync(serverId, channelId, cancellationToken);
            return Reply($"Weekly summaries are on: every week they are posted in <#{channelId}> ({updated.TimeZone} time; change it with /server timezone). Members are only counted after /visibility on.");
        }

        switch (command.Enabled)
        {
            case false:
                await settings.TurnWeeklyOffAsync(serverId, cancellationToken);
                return Reply("Weekly summaries are off for this server.");
            case true when current.WeeklyChannelId is { } stored:
                await settings.SetWeeklyChannelAsync(serverId, stored, cancellationToken);
                return Reply($"Weekly summaries are on again in <#{stored}>.");
            case true:
                return BotReply.Error("Pick a channel: /weekly channel:#stats");
        }

        return Reply((current.WeeklyEnabled, current.WeeklyChannelId, current.WeeklyDisabledReason) switch
        {
            (true, { } channel, _) => $"Weekly summaries are posted in <#{channel}> ({current.TimeZone} time). Turn them off with /weekly state:off.",
            (false, { } channel, { } reason) => $"Weekly summaries stopped because I could not post in <#{channel}> ({reason}). Fix my permissions there and run /weekly channel:#… again.",
            _ => "Weekly summaries are off. Turn them on with /weekly channel:#stats.",
        });
    }

    private static BotReply Reply(string text) => new(text) { Private = true };
}
