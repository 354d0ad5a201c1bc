using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>The common start of every fake remote service: a quiet Kestrel on 127.0.0.1 with a free port.</summary>
public static class LoopbackHost
{
    public static WebApplication Create()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder.Build();
    }

    /// <summary>Starts the app and returns its base address (<c>http://127.0.0.1:PORT</c>, no trailing slash).</summary>
    public static async Task<string> StartAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await app.StartAsync(cancellationToken);
        return app.Urls.First().TrimEnd('/');
    }
}
