using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// Registers weekly summaries and server leaderboards: schedule, composers, settings, the exactly-once service and
/// the <see cref="SummaryWorker"/>. Needs storage, stats and charts; chat adapters add their <see cref="ISummaryPublisher"/>.
/// </summary>
public static class SummariesServiceCollectionExtensions
{
    public static IServiceCollection AddSummaries(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SummariesOptions>()
            .Bind(configuration.GetSection(SummariesOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WeeklySchedule>();
        services.AddSingleton<ServerLeaderboardService>();
        services.AddSingleton<ServerSummaryComposer>();
        services.AddSingleton<UserSummaryComposer>();
        services.AddSingleton<SummaryTargetSource>();
        services.AddSingleton<SummarySettingsService>();
        services.AddSingleton<WeeklySummaryService>();
        services.AddHostedService<SummaryWorker>();
        return services;
    }
}
