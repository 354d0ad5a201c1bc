using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyLocal.Core.Import;

/// <summary>Registers the data-export import: options, <see cref="ImportService"/> and the interrupted-job sweep at startup.</summary>
public static class ImportServiceCollectionExtensions
{
    public static IServiceCollection AddImport(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ImportOptions>()
            .Bind(configuration.GetSection(ImportOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<Accounts.AccountWriters>();
        services.AddSingleton<ImportService>();
        services.AddHostedService<InterruptedImportsService>();
        return services;
    }
}
