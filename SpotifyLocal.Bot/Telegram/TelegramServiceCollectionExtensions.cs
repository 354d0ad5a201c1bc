using Microsoft.Extensions.Options;
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

        // Request URLs carry the bot token, so this client logs nothing; long polls outlast the default
        // resilience timeouts, and Telegram.Bot already honours retry_after itself.
        services.AddHttpClient(HttpClientName)
            .RemoveAllLoggers()
            .AddTypedClient<ITelegramBotClient>((http, provider) =>
            {
                var telegram = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;
                http.Timeout = telegram.PollTimeout + TimeSpan.FromSeconds(60);
                return new TelegramBotClient(new TelegramBotClientOptions(telegram.BotToken, telegram.ApiBaseUrl), http);
            });
        services.AddSingleton<TelegramErrorPolicy>();
        services.AddSingleton<TelegramReplyRenderer>();
        services.AddSingleton<TelegramUpdateHandler>();
        services.AddHostedService<TelegramPollingWorker>();
        return services;
    }
}
