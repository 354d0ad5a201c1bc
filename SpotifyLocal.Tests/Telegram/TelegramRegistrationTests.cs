using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Telegram;

namespace SpotifyLocal.Tests.Telegram;

public sealed class TelegramRegistrationTests
{
    [Fact]
    public void Without_a_bot_token_the_Telegram_adapter_is_not_registered()
    {
        var services = new ServiceCollection().AddTelegram(Configuration(new()));

        Assert.DoesNotContain(services, d => d.ServiceType == typeof(IHostedService));
    }

    [Fact]
    public void With_a_bot_token_the_poll_loop_is_registered()
    {
        var services = new ServiceCollection().AddTelegram(Configuration(new() { ["Telegram:BotToken"] = "123456:ABC-DEF" }));

        Assert.Contains(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(TelegramPollingWorker));
    }

    [Fact]
    public void A_malformed_token_is_refused_naming_the_key()
    {
        using var provider = new ServiceCollection().AddTelegram(Configuration(new() { ["Telegram:BotToken"] = "not a token" })).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TelegramOptions>>().Value);
        Assert.Contains("Telegram:BotToken", error.Message);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
