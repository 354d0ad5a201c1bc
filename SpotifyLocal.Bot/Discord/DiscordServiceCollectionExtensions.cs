using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Discord.Gateway;
using SpotifyLocal.Bot.Discord.Rest;
using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Discord;

/// <summary>Registers the Discord client (options, REST client, rate limiter, gateway) and, with a bot token, the adapter.</summary>
public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Discord REST and gateway clients bound to the <c>Discord</c> section. The section is validated at start
    /// only when <c>Discord:BotToken</c> is set, and only then do the <see cref="DiscordAdapter"/> run (it needs AddCommands) and weekly summaries post to channels.
    /// </summary>
    public static IServiceCollection AddDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>()
            .Bind(configuration.GetSection(DiscordOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DiscordRateLimiter>();
        // Interaction and webhook URLs carry interaction tokens: no request-URL logging (the client logs route templates).
        services.AddHttpClient<DiscordRestClient>().RemoveAllLoggers();
        services.TryAddSingleton<DiscordGatewayClient>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.SectionName}:{nameof(DiscordOptions.BotToken)}"]))
        {
            services.AddHostedService<DiscordAdapter>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<ISummaryPublisher, DiscordSummaryPublisher>());
        }

        return services;
    }
}
