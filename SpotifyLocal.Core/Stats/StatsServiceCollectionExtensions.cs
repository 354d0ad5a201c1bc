using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyLocal.Core.Stats;

/// <summary>Registers <see cref="StatsService"/> (needs an <c>IPlayStore</c> from <c>AddStorage</c>).</summary>
public static class StatsServiceCollectionExtensions
{
    public static IServiceCollection AddStats(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<StatsService>();
        return services;
    }
}
