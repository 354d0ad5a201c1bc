using Microsoft.Extensions.Logging.Abstractions;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Telegram;
using SpotifyLocal.Tests.Fakes;
using Telegram.Bot;

namespace SpotifyLocal.Tests.Telegram;

public sealed class TelegramProgressMessageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Progress_behind_flood_control_waits_retry_after_and_then_shows_only_the_latest_step()
    {
        await using var api = await FakeTelegramBotApi.StartAsync(Ct);
        var time = new TimerWatchingTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        api.Clock = time;
        api.FailNext("editMessageText", 429, "Too Many Requests: retry after 120", retryAfter: 120);
        var bot = new TelegramBotClient(new TelegramBotClientOptions(FakeTelegramBotApi.Token, api.BaseUrl));
        var progress = new TelegramProgressMessage(
            bot, new TelegramReplyRenderer(NullLogger<TelegramReplyRenderer>.Instance), new TelegramErrorPolicy(NullLogger<TelegramErrorPolicy>.Instance),
            TelegramUpdates.UserId, messageId: 1001, TimeSpan.FromSeconds(1), time, Ct);

        progress.Report(new CommandProgress("Reading", 0.1));
        await api.WaitForCallAsync("editMessageText", c => c.FailedWith == 429, Ct);
        foreach (var (step, fraction) in new[] { ("Importing", 0.4), ("Importing", 0.7) })
        {
            time.Advance(TimeSpan.FromSeconds(2));
            progress.Report(new CommandProgress(step, fraction));
        }

        Assert.Single(api.Calls, c => c.Method == "editMessageText");
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(120), Ct);
        time.Advance(TimeSpan.FromSeconds(120));
        await api.WaitForCallAsync("editMessageText", c => c.FailedWith is null, Ct);
        await progress.FlushAsync();

        Assert.Equal(
            ["Reading\n▓░░░░░░░░░░░ 10%", "Importing\n▓▓▓▓▓▓▓▓░░░░ 70%"],
            api.Calls.Where(c => c.Method == "editMessageText").Select(c => c.Text("text")));
    }
}
