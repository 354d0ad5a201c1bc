using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SpotifyLocal.Core.Web;

/// <summary>Registers the personal web page: <c>/web</c> links, sessions and the security headers of every answer.</summary>
public static class WebServiceCollectionExtensions
{
    public static IServiceCollection AddWebPages(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.SectionName));
        services.TryAddSingleton<WebLinks>();
        services.TryAddSingleton<WebSessions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, WebSecurityHeaders.StartupFilter>());
        services.AddWebUploads(configuration);
        return services;
    }
}
