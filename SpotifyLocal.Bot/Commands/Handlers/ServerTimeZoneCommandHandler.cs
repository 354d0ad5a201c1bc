using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/server timezone [zone]: shows the zone the server's weeks follow; admins may set it.</summary>
public sealed class ServerTimeZoneCommandHandler(SummarySettingsService settings) : ICommandHandler<ServerTimeZoneCommand>
{
    public async Task<BotReply> HandleAsync(ServerTimeZoneCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var serverId = ServerCommandGuard.ServerId(context, command.Name);
        if (command.TimeZoneId is null)
        {
            var current = await settings.GetServerAsync(serverId, cancellationToken);
            return new BotReply($"This server's weeks run in {current.TimeZone} time.") { Private = true };
        }

        if (!context.CallerManagesServer)
        {
            return BotReply.Error(ServerCommandGuard.AdminOnly);
        }

        var zone = await settings.SetServerTimeZoneAsync(serverId, command.TimeZoneId, cancellationToken);
        return new BotReply($"This server's weeks and weekly post now follow {zone} time.") { Private = true };
    }
}
