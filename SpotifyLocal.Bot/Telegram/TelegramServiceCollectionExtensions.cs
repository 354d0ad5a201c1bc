using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Summaries;
using Telegram.Bot;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>Registers the Telegram adapter when <c>Telegram:BotToken</c> is set; otherwise nothing.</summary>
public static class TelegramServiceCollectionExtensions
{
    public const string HttpClientName = "Telegram";

    public static IServiceCollection AddTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(TelegramOptions.SectionName);
        if (string.IsNullOrWhiteSpace(section[nameof(TelegramOptions.BotToken)]))
        {
            return services;
        }

        services.AddOptions<TelegramOptions>()
            .Bind(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // Request URLs carry the bot token, so this client logs nothing. No resilience handler, even a default
        // one: long polls outlast its timeouts, and a send is retried only after a 429, which TelegramFloodWaitHandler
        // waits out on the TimeProvider (Telegram.Bot's own retry, on the wall clock, is switched off).
        services.AddTransient<TelegramFloodWaitHandler>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers: the documented opt-out from ConfigureHttpClientDefaults
        services.AddHttpClient(HttpClientName)
            .RemoveAllLoggers()
            .RemoveAllResilienceHandlers()
            .AddHttpMessageHandler<TelegramFloodWaitHandler>()
            .AddTypedClient<ITelegramBotClient>((http, provider) =>
            {
                var telegram = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
                // The timeout covers the whole handler chain: a long poll, or a send plus its flood waits.
                http.Timeout = telegram.PollTimeout + telegram.MaxFloodWait + TimeSpan.FromSeconds(60);
                return new TelegramBotClient(new TelegramBotClientOptions(telegram.BotToken, telegram.ApiBaseUrl) { RetryThreshold = 0 }, http);
            });
#pragma warning restore EXTEXP0001
        services.AddSingleton<TelegramErrorPolicy>();
        services.AddSingleton<TelegramReplyRenderer>();
        services.AddSingleton<TelegramUpdateHandler>();
        services.AddHostedService<TelegramPollingWorker>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISummaryPublisher, TelegramSummaryPublisher>());
        AddChatNotifier(services);
        return services;
    }

    /// <summary>Telegram identities get notices here; others still reach whatever notifier was registered before.</summary>
    private static void AddChatNotifier(IServiceCollection services)
    {
        var previous = services.LastOrDefault(d => d.ServiceType == typeof(IChatNotifier) && !d.IsKeyedService);
        services.AddSingleton<IChatNotifier>(provider => new TelegramChatNotifier(
            provider.GetRequiredService<IServiceScopeFactory>(),
            provider.GetRequiredService<TelegramReplyRenderer>(),
            provider.GetRequiredService<TelegramErrorPolicy>(),
            previous switch
            {
                { ImplementationInstance: IChatNotifier instance } => instance,
                { ImplementationFactory: { } factory } => (IChatNotifier)factory(provider),
                { ImplementationType: { } type } => (IChatNotifier)ActivatorUtilities.CreateInstance(provider, type),
                _ => ActivatorUtilities.CreateInstance<LoggingChatNotifier>(provider),
            }));
    }
}
