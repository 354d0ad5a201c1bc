using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/server top [period] [type]: the same leaderboard as the weekly post, for any period, on demand.</summary>
public sealed class ServerTopCommandHandler(SummarySettingsService settings, StatsService stats, ServerSummaryComposer composer)
    : ICommandHandler<ServerTopCommand>
{
    private const int Limit = 10;

    public async Task<BotReply> HandleAsync(ServerTopCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var serverId = ServerCommandGuard.ServerId(context, command.Name);
        var server = await settings.GetServerAsync(serverId, cancellationToken);
        var period = stats.ParsePeriod(command.Period, server.TimeZone);
        var message = await composer.ComposeAsync(serverId, period, command.Kind, Limit, "Server", cancellationToken);
        if (message is null)
        {
            return new BotReply($"No plays from visible members in {period.Label}. Members are counted here once they run /visibility state:on.");
        }

        return new BotReply(message.Text) { Title = message.Title, Png = message.Png, PngFileName = message.PngFileName };
    }
}
