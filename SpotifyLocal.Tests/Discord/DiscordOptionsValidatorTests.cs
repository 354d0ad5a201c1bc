using SpotifyLocal.Bot.Discord;
using Xunit;

namespace SpotifyLocal.Tests.Discord;

public sealed class DiscordOptionsValidatorTests
{
    [Fact]
    public void Without_a_bot_token_nothing_is_checked_because_the_adapter_is_off()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions { ApiBaseUrl = "nonsense", DevGuildId = "x" });

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void With_a_bot_token_bad_settings_are_reported_by_their_key()
    {
        var result = new DiscordOptionsValidator().Validate(null, new DiscordOptions
        {
            BotToken = "abc", ApiBaseUrl = "nonsense", DevGuildId = "my server", GatewayUrlOverride = "http://x",
        });

        Assert.True(result.Failed);
        Assert.Contains("Discord:ApiBaseUrl", result.FailureMessage);
        Assert.Contains("Discord:DevGuildId", result.FailureMessage);
        Assert.Contains("Discord:GatewayUrlOverride", result.FailureMessage);
        Assert.DoesNotContain("abc", result.FailureMessage);
    }
}
