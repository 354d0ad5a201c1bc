using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;

namespace SpotifyLocal.Core.Spotify;

/// <summary>Registers the Spotify options, the app-wide 429 gate and the two typed clients.</summary>
public static class SpotifyServiceCollectionExtensions
{
    /// <summary>The User-Agent every Spotify request carries.</summary>
    public static readonly string UserAgent =
        $"SpotifyLocal/{typeof(SpotifyServiceCollectionExtensions).Assembly.GetName().Version?.ToString(3) ?? "1.0.0"} (self-hosted listening stats)";

    /// <summary>Set to false on a request the resilience pipeline must send only once (the authorization-code exchange).</summary>
    public static readonly HttpRequestOptionsKey<bool> Retry = new("SpotifyLocal.Spotify.Retry");

    /// <summary>
    /// Adds <see cref="SpotifyAccountsClient"/> and <see cref="SpotifyApiClient"/>. Succeeds with no
    /// <c>Spotify</c> section at all (then <see cref="SpotifyOptions.IsConfigured"/> is false); a half-filled one fails at start.
    /// </summary>
    public static IServiceCollection AddSpotify(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotifyOptions>()
            .Bind(configuration.GetSection(SpotifyOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpotifyOptions>, SpotifyOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SpotifyRateGate>();
        services.TryAddTransient<SpotifyRateLimitHandler>();

        // The callback URL carries the one-time auth code in its query; the hosting "Request starting" line would log it.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));

        services.AddHttpClient<SpotifyAccountsClient>((provider, client) =>
                Configure(client, provider.GetRequiredService<IOptions<SpotifyOptions>>().Value.AccountsBaseUrl))
            .AddSpotifyPipeline();
        services.AddHttpClient<SpotifyApiClient>((provider, client) =>
                Configure(client, provider.GetRequiredService<IOptions<SpotifyOptions>>().Value.ApiBaseUrl))
            .AddSpotifyPipeline();
        return services;
    }

    private static void Configure(HttpClient client, string baseUrl)
    {
        client.BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/");
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
    }

    private static void AddSpotifyPipeline(this IHttpClientBuilder builder)
    {
        // A host-wide AddStandardResilienceHandler would retry 429s per request; Spotify's 429 is app-wide.
#pragma warning disable EXTEXP0001 // Experimental, but the documented way to opt one client out of ConfigureHttpClientDefaults.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddResilienceHandler("spotify", (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<SpotifyOptions>>().Value;

            // Backoff and attempt timeouts are about real sockets: keep them on the wall clock even when tests fake the app's time.
            pipeline.TimeProvider = TimeProvider.System;
            if (options.MaxRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.MaxRetries,
                    Delay = options.RetryBaseDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = args => ValueTask.FromResult(MayRetry(args.Context) && IsTransient(args.Outcome)),
                });
            }

            pipeline.AddTimeout(options.RequestTimeout);
        });
        builder.AddHttpMessageHandler<SpotifyRateLimitHandler>();
    }

    private static bool MayRetry(ResilienceContext context) =>
        context.GetRequestMessage() is not { } request || !request.Options.TryGetValue(Retry, out var retry) || retry;

    private static bool IsTransient(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or TimeoutRejectedException
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError or HttpStatusCode.RequestTimeout };
}
