using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace SpotifyLocal.Core.Charts;

/// <summary>Registers the <see cref="ChartRenderer"/> (a pure singleton: stats in, PNG bytes out).</summary>
public static class ChartServiceCollectionExtensions
{
    public static IServiceCollection AddCharts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ChartRenderer>();
        return services;
    }
}
