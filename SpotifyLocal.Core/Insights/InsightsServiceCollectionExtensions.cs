using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyLocal.Core.Insights;

/// <summary>Registers <see cref="InsightsService"/>, <see cref="RecapService"/>, <see cref="SkipRateService"/>, <see cref="TasteOverlapService"/> and <see cref="PodcastsService"/> (need the stores from <c>AddStorage</c>).</summary>
public static class InsightsServiceCollectionExtensions
{
    public static IServiceCollection AddInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InsightsService>();
        services.TryAddSingleton<SkipRateService>();
        services.TryAddSingleton<TasteOverlapService>();
        services.TryAddSingleton<RecapService>();
        services.TryAddSingleton<PodcastsService>();
        return services;
    }
}
