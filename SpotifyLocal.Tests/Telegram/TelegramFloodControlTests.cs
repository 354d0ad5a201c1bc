using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Tests.Fakes;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>
/// Telegram's flood limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this) as the fake
/// enforces them.
/// </summary>
public sealed class TelegramFloodControlTests
{
    private static readonly TimeSpan OneSecond = TimeSpan.FromSeconds(1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_fake_refuses_a_second_message_in_one_chat_within_a_second_with_retry_after_and_other_chats_go_on()
    {
        await using var api = await FakeTelegramBotApi.StartAsync(Ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        api.Clock = time;
        var bot = ClientWithoutRetries(api);

        await bot.SendMessage(1, "first", cancellationToken: Ct);
        var refused = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(1, "second", cancellationToken: Ct));
        await bot.SendMessage(2, "elsewhere", cancellationToken: Ct);
        time.Advance(OneSecond);
        await bot.SendMessage(1, "second", cancellationToken: Ct);

        Assert.Equal(429, refused.ErrorCode);
        Assert.Equal("Too Many Requests: retry after 1", refused.Message);
        Assert.Equal(1, refused.Parameters?.RetryAfter);
        Assert.Equal(["first", "elsewhere", "second"], api.Calls.Where(c => c.FailedWith is null).Select(c => c.Text("text")));
    }

    [Fact]
    public async Task The_fake_lets_a_group_have_20_messages_a_minute_and_all_chats_together_30_a_second()
    {
        await using var api = await FakeTelegramBotApi.StartAsync(Ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        api.Clock = time;
        var bot = ClientWithoutRetries(api);
        const long Group = -100200300;

        for (var i = 0; i < 20; i++)
        {
            await bot.SendMessage(Group, $"group {i}", cancellationToken: Ct);
            time.Advance(OneSecond);
        }

        var groupFull = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(Group, "group 20", cancellationToken: Ct));
        for (var chat = 1; chat <= 30; chat++)
        {
            await bot.SendMessage(chat, "bulk", cancellationToken: Ct);
        }

        var allFull = await Assert.ThrowsAsync<ApiRequestException>(() => bot.SendMessage(31, "bulk", cancellationToken: Ct));
        time.Advance(TimeSpan.FromSeconds(40));
        await bot.SendMessage(Group, "group 20", cancellationToken: Ct);
        await bot.SendMessage(31, "bulk", cancellationToken: Ct);

        // The first group message went out 20 s before: the 21st may follow 40 s later.
        Assert.Equal((429, 40), (groupFull.ErrorCode, groupFull.Parameters?.RetryAfter));
        Assert.Equal((429, 1), (allFull.ErrorCode, allFull.Parameters?.RetryAfter));
        Assert.Equal(52, api.Calls.Count(c => c.FailedWith is null));
    }

    private static TelegramBotClient ClientWithoutRetries(FakeTelegramBotApi api) =>
        new(new TelegramBotClientOptions(FakeTelegramBotApi.Token, api.BaseUrl) { RetryThreshold = 0 });
}
