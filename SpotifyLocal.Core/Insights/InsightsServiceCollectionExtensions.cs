using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyLocal.Core.Insights;

/// <summary>Registers <see cref="InsightsService"/>, <see cref="RecapService"/>, <see cref="SkipRateService"/> and <see cref="TasteOverlapService"/> (need an <c>IPlayStore</c> from <c>AddStorage</c>).</summary>
public static class InsightsServiceCollectionExtensions
{
    public static IServiceCollection AddInsights(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InsightsService>();
        services.TryAddSingleton<SkipRateService>();
        services.TryAddSingleton<TasteOverlapService>();
        services.TryAddSingleton<RecapService>();
        return services;
    }
}
