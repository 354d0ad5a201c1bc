using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Telegram;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>The adapter against the Bot API's stricter rules, as the loopback fake enforces them.</summary>
public sealed class TelegramApiRulesTests
{
    private const long TwentyFiveMegabytes = 25L * 1024 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_button_is_answered_before_its_command_runs_so_a_slow_chart_is_not_too_late()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct, configure: services =>
            services.AddSingleton<ICommandHandler<TopCommand>>(provider => new SlowTopHandler(provider.GetRequiredService<FakeTimeProvider>(), TimeSpan.FromSeconds(20))));

        bot.Api.EnqueueUpdate(TelegramUpdates.Callback("cb-slow", messageId: 7, data: CommandParser.TopText("month", TopKind.Tracks), onPhoto: true));

        var edited = await bot.Api.WaitForCallAsync("editMessageMedia", Ct);
        var answer = Assert.Single(bot.Api.Calls, c => c.Method == "answerCallbackQuery");
        Assert.Null(answer.FailedDescription);
        Assert.Contains("month", edited.Json("media")!["caption"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_left_set_is_deleted_and_polling_goes_on()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct, beforePolling: api =>
        {
            api.WebhookUrl = "https://bots.example/hook";
            api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        });

        var reply = await bot.Api.WaitForCallAsync("sendMessage", Ct);

        Assert.Contains("/weekly", reply.Text("text"));
        Assert.Null(bot.Api.WebhookUrl);
        Assert.Contains(bot.Api.Calls, c => c.Method == "getUpdates" && c.FailedWith == 409);
        Assert.Equal("false", bot.Api.Calls.Single(c => c.Method == "deleteWebhook").Text("drop_pending_updates") ?? "false");
    }

    [Fact]
    public async Task A_document_without_file_size_that_getFile_finds_too_big_gets_a_clear_message_and_no_download()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        bot.Api.AddFile("big", "documents/file_2.zip", [1, 2, 3], reportedSize: TwentyFiveMegabytes);

        bot.Api.EnqueueUpdate(TelegramUpdates.Document("big", "my_spotify_data.zip", fileSize: null));

        // The answer replaces the "downloading…" message.
        var reply = await bot.Api.WaitForCallAsync("editMessageText", c => c.Text("text")!.Contains("at most", StringComparison.Ordinal), Ct);
        Assert.StartsWith("my_spotify_data.zip is too big, and Telegram lets bots download at most 20 MB.", reply.Text("text"), StringComparison.Ordinal);
        Assert.Contains("/web/open?t=", reply.Text("text"), StringComparison.Ordinal);
        Assert.Contains(bot.Api.Calls, c => c.Method == "getFile" && c.FailedDescription == "Bad Request: file is too big");
        Assert.Empty(bot.Api.Downloads);
    }

    [Theory]
    [InlineData(TelegramReplyRenderer.MaxTextLength)]
    [InlineData(TelegramReplyRenderer.MaxCaptionLength)]
    public void Cutting_at_the_limit_never_throws_and_leaves_valid_HTML_within_the_limit(int limit)
    {
        var texts = new[] { new string('a', limit * 2), string.Concat(Enumerable.Repeat("🎵<&>", limit)), "x" + string.Concat(Enumerable.Repeat("🎵", limit)) };
        foreach (var titleLength in new[] { 0, 1, limit - 3, limit - 2, limit - 1, limit, limit + 1 })
        {
            foreach (var text in texts)
            {
                var title = string.Concat(Enumerable.Repeat("&🎵", titleLength))[..titleLength];
                var html = TelegramReplyRenderer.Html(new BotReply(text) { Title = title }, limit);

                var (visible, error) = FakeTelegramHtml.Parse(html);
                Assert.True(error is null, $"title {titleLength}: {error}");
                Assert.InRange(visible!.Length, 1, limit);
                Assert.False(char.IsHighSurrogate(visible[^1]), $"title {titleLength}: a split emoji");
            }
        }
    }
}
