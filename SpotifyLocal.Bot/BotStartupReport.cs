using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Console;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Telegram;
using SpotifyLocal.Core.Spotify;

namespace SpotifyLocal.Bot;

/// <summary>Says at start which chat adapters run and whether Spotify linking is available.</summary>
public sealed class BotStartupReport(IServiceProvider services, IOptions<SpotifyOptions> spotify, ILogger<BotStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var adapters = new List<string>();
        // Resolved here, not injected: this report is itself one of the hosted services.
        foreach (var service in services.GetServices<IHostedService>())
        {
            switch (service)
            {
                case ConsoleAdapter:
                    adapters.Add("console");
                    break;
                case DiscordAdapter:
                    adapters.Add("discord");
                    break;
                case TelegramPollingWorker:
                    adapters.Add("telegram");
                    break;
            }
        }

        logger.LogInformation("Chat adapters: {Adapters}", adapters.Count == 0 ? "none" : string.Join(", ", adapters));
        logger.LogInformation(
            spotify.Value.IsConfigured
                ? "Spotify linking and live tracking: enabled"
                : "Spotify linking and live tracking: off (set Spotify:ClientId, Spotify:ClientSecret and Spotify:RedirectUri to enable); import and stats work without it");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
