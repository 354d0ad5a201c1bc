using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Tests.Fakes;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>
/// Telegram's flood limits (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this) as the fake
/// enforces them, and the bot waiting out each 429's retry_after on its clock before sending again.
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

    [Fact]
    public async Task A_burst_of_replies_to_one_chat_all_arrive_once_and_in_order_after_the_fakes_429s()
    {
        await using var bot = await TelegramBotHarness.StartAsync(
            Ct,
            // Polling's own in-hand wait must not be mistaken for a flood wait of 1 s.
            settings: new Dictionary<string, string?> { ["Telegram:InHandPollInterval"] = "00:00:07" },
            configure: services => services.AddSingleton<ICommandHandler<TopCommand>, StandInTopHandler>(),
            floodLimits: FakeTelegramFloodLimits.Telegram);
        string[] periods = ["week", "month", "year", "all"];

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        foreach (var period in periods)
        {
            bot.Api.EnqueueUpdate(TelegramUpdates.Text($"/top {period}"));
        }

        // Each reply after the first meets Telegram's one-message-a-second rule: the bot waits, the test lets the second pass.
        for (var waits = 1; waits <= periods.Length; waits++)
        {
            await bot.Time.WaitForTimersAsync(OneSecond, waits, Ct);
            bot.Time.Advance(OneSecond);
        }

        await bot.Api.WaitForCallAsync("sendPhoto", c => c.FailedWith is null && c.Caption()!.Contains("(all)", StringComparison.Ordinal), Ct);
        var replies = bot.Api.Calls.Where(c => c.Method is "sendMessage" or "sendPhoto").ToList();
        var delivered = replies.Where(c => c.FailedWith is null).ToList();
        Assert.Equal(5, delivered.Count);
        Assert.Contains("/weekly", delivered[0].Text("text"));
        Assert.Equal(periods.Select(p => $"<b>Top tracks, {p}</b>\n1. Song A ({p})\n2. Song B"), delivered.Skip(1).Select(c => c.Caption()));
        Assert.Equal(periods.Select(StandInTopHandler.PngFor), delivered.Skip(1).Select(c => c.Photo()));

        var refused = replies.Where(c => c.FailedWith is not null).ToList();
        Assert.Equal(periods.Length, refused.Count);
        Assert.All(refused, c => Assert.Equal((429, 1), (c.FailedWith, c.RetryAfter)));
        foreach (var refusal in refused)
        {
            // Sent again, with the same content, no sooner than retry_after on the fake clock.
            var again = replies[replies.IndexOf(refusal) + 1];
            Assert.Equal((refusal.Method, refusal.Caption(), (int?)null), (again.Method, again.Caption(), again.FailedWith));
            Assert.True(again.At - refusal.At >= TimeSpan.FromSeconds(refusal.RetryAfter!.Value), $"resent after {again.At - refusal.At}");
        }
    }

    [Fact]
    public async Task A_retry_after_beyond_the_flood_wait_limit_is_not_waited_out_and_says_so_in_the_log()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct, floodLimits: FakeTelegramFloodLimits.Telegram);
        bot.Api.FailNext("sendMessage", 429, "Too Many Requests: retry after 3600", retryAfter: 3600);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));

        // The same chat's next reply goes out: the refused one holds nothing up.
        var next = await bot.Api.WaitForCallAsync("sendMessage", c => c.FailedWith is null, Ct);
        Assert.Contains("/weekly", next.Text("text"));
        Assert.Equal([429, null], bot.Api.Calls.Where(c => c.Method == "sendMessage").Select(c => c.FailedWith));
        Assert.Equal(0, bot.Time.TimersCreated(TimeSpan.FromSeconds(3600)));
        Assert.Contains(bot.Logs.Lines, line => line.Contains("sendMessage", StringComparison.Ordinal)
            && line.Contains("3600", StringComparison.Ordinal) && line.Contains("Telegram:MaxFloodWait", StringComparison.Ordinal));
    }

    private static TelegramBotClient ClientWithoutRetries(FakeTelegramBotApi api) =>
        new(new TelegramBotClientOptions(FakeTelegramBotApi.Token, api.BaseUrl) { RetryThreshold = 0 });
}
