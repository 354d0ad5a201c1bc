using SpotifyLocal.Bot.Commands.Handlers;

namespace SpotifyLocal.Bot.Commands;

/// <summary>Registers the handlers of /weekly, /visibility and /server (needs AddCommands and the Core AddSummaries).</summary>
public static class SummaryCommandServiceCollectionExtensions
{
    public static IServiceCollection AddSummaryCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCommandHandler<WeeklyCommand, WeeklyCommandHandler>();
        services.AddCommandHandler<ServerWeeklyCommand, ServerWeeklyCommandHandler>();
        services.AddCommandHandler<VisibilityCommand, VisibilityCommandHandler>();
        services.AddCommandHandler<ServerTopCommand, ServerTopCommandHandler>();
        services.AddCommandHandler<ServerTimeZoneCommand, ServerTimeZoneCommandHandler>();
        return services;
    }
}
