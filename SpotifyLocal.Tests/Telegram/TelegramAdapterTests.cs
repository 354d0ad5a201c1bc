using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Telegram;

public sealed class TelegramAdapterTests
{
    private static readonly string Chat = TelegramUpdates.UserId.ToString(CultureInfo.InvariantCulture);
    private static readonly string LocalUserId = $"telegram:{Chat}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_command_menu_is_filled_at_start()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);

        var call = await bot.Api.WaitForCallAsync("setMyCommands", Ct);

        var commands = call.Json("commands")!.AsArray().Select(c => c!["command"]!.GetValue<string>()).ToList();
        Assert.Equal(["top", "stats", "streaks", "discoveries", "skips", "recap", "podcasts", "recent", "import", "link", "unlink", "forget", "timezone", "weekly", "web", "help"], commands);
        Assert.Equal("all_private_chats", call.Json("scope")?["type"]?.GetValue<string>());
    }

    [Fact]
    public async Task In_a_group_commands_for_other_bots_or_for_no_bot_in_particular_get_no_answer()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help@spotifylocaltestbot", chatId: -100200300, chatType: "supergroup"));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/top", chatId: -100200300, chatType: "supergroup"));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/top@OtherMusicBot week", chatId: -100200300, chatType: "supergroup"));
        var last = bot.Api.EnqueueUpdate(TelegramUpdates.Text("/stats@SpotifyLocalTestBot", chatId: -100200300, chatType: "supergroup"));

        // Polling past the last update means all four were handled.
        await bot.Api.WaitForCallAsync("getUpdates", c => c.Text("offset") == (last + 1).ToString(CultureInfo.InvariantCulture), Ct);
        var pointers = bot.Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        Assert.Equal(2, pointers.Count);
        Assert.All(pointers, p => Assert.Contains($"https://t.me/{FakeTelegramBotApi.BotUsername}", p.Text("text")));
    }

    [Fact]
    public async Task Help_is_answered_with_a_text_message_in_the_same_chat()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));

        var reply = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.Equal(Chat, reply.Text("chat_id"));
        Assert.Contains("/top [week|month|year", reply.Text("text"));
        Assert.Contains("/import", reply.Text("text"));
    }

    [Fact]
    public async Task A_command_in_a_group_gets_a_pointer_to_a_private_chat_and_nothing_else()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/recent@SpotifyLocalTestBot", chatId: -100200300, chatType: "supergroup"));

        var reply = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.Equal("-100200300", reply.Text("chat_id"));
        Assert.Contains($"https://t.me/{FakeTelegramBotApi.BotUsername}", reply.Text("text"));
        Assert.DoesNotContain("play", reply.Text("text"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Forget_asks_first_and_its_button_deletes_everything_and_edits_the_same_message()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        await bot.Plays.InsertAsync(Plays.For(LocalUserId).Count(3).Build(), Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/forget"));
        var question = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.Equal(["/forget confirm"], question.CallbackData());
        Assert.Equal(3, await bot.Plays.CountAsync(PlayScope.AllTime(LocalUserId), Ct));

        bot.Api.EnqueueUpdate(TelegramUpdates.Callback("cb-1", question.ResultMessageId!.Value, "/forget confirm"));

        var answered = await bot.Api.WaitForCallAsync("answerCallbackQuery", Ct);
        Assert.Equal("cb-1", answered.Text("callback_query_id"));
        var edited = await bot.Api.WaitForCallAsync("editMessageText", Ct);
        Assert.Equal(question.ResultMessageId.ToString(), edited.Text("message_id"));
        Assert.Contains("3 plays", edited.Text("text"));
        Assert.Empty(edited.CallbackData());
        Assert.Equal(0, await bot.Plays.CountAsync(PlayScope.AllTime(LocalUserId), Ct));
    }

    [Fact]
    public async Task An_oversized_document_gets_a_clear_message_and_is_never_downloaded()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        bot.Api.AddFile("big", "documents/file_1.zip", [1, 2, 3]);

        bot.Api.EnqueueUpdate(TelegramUpdates.Document("big", "my_spotify_data.zip", fileSize: 25L * 1024 * 1024, caption: "/import"));
        var reply = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("text")!.Contains("/weekly"), Ct);

        Assert.Contains("25 MB", reply.Text("text"));
        Assert.Contains("at most 20 MB", reply.Text("text"));
        Assert.Contains("import", reply.Text("text"));
        Assert.Contains(LocalUserId, reply.Text("text"));
        Assert.DoesNotContain(bot.Api.Calls, c => c.Method == "getFile");
        Assert.Empty(bot.Api.Downloads);
    }

    [Fact]
    public async Task Blocked_users_and_flood_control_do_not_stop_the_poll_loop()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        bot.Api.FailNext("sendMessage", 403, "Forbidden: bot was blocked by the user");
        // Longer than Telegram:MaxFloodWait: the bot gives that reply up instead of waiting an hour.
        bot.Api.FailNext("sendMessage", 429, "Too Many Requests: retry after 3600", retryAfter: 3600);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help", userId: 1));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help", userId: 2));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help", userId: 3));

        // Chats are served side by side, so which chat meets which failure is not fixed; that all three were tried is.
        await bot.Api.WaitForCallAsync("sendMessage", _ => bot.Api.Calls.Count(c => c.Method == "sendMessage") >= 3, Ct);
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help", userId: 4));
        var later = await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("chat_id") == "4", Ct);

        var tried = bot.Api.Calls.Where(c => c.Method == "sendMessage" && c.Text("chat_id") != "4").ToList();
        Assert.Equal(["1", "2", "3"], tried.Select(c => c.Text("chat_id")!).Order());
        Assert.Equal([403, 429], tried.Where(c => c.FailedWith is not null).Select(c => c.FailedWith!.Value).Order());
        Assert.Null(later.FailedWith);
    }

    [Fact]
    public async Task A_message_that_can_no_longer_be_edited_gets_the_answer_as_a_new_message()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        bot.Api.FailNext("editMessageText", 400, "Bad Request: message can't be edited");

        bot.Api.EnqueueUpdate(TelegramUpdates.Callback("cb-old", messageId: 7, data: "/forget confirm"));

        var reply = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.Contains("Done: 0 plays", reply.Text("text"));
        Assert.Contains(bot.Api.Calls, c => c.Method == "editMessageText" && c.FailedWith == 400);
    }

    [Fact]
    public async Task A_button_for_what_the_message_already_shows_is_skipped_and_polling_goes_on()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        bot.Api.FailNext("editMessageText", 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same");

        bot.Api.EnqueueUpdate(TelegramUpdates.Callback("cb-same", messageId: 7, data: "/timezone"));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));

        var help = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.Contains("/weekly", help.Text("text"));
        Assert.Single(bot.Api.Calls, c => c.Method == "sendMessage");
        Assert.Contains(bot.Api.Calls, c => c.Method == "answerCallbackQuery" && c.Text("callback_query_id") == "cb-same");
    }

    [Fact]
    public async Task Flood_control_on_polling_waits_the_retry_after_Telegram_asks_for_then_polls_again()
    {
        // Arranged before polling starts, so the very first getUpdates is the one refused.
        await using var bot = await TelegramBotHarness.StartAsync(Ct, beforePolling: api =>
        {
            api.FailNext("getUpdates", 429, "Too Many Requests: retry after 90", retryAfter: 90);
            api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        });

        await bot.Time.WaitForTimerAsync(TimeSpan.FromSeconds(90), Ct);
        Assert.DoesNotContain(bot.Api.Calls, c => c.Method == "sendMessage");
        bot.Time.Advance(TimeSpan.FromSeconds(90));

        var reply = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.Contains("/weekly", reply.Text("text"));
        Assert.Contains(bot.Api.Calls, c => c.Method == "getUpdates" && c.FailedWith == 429);
    }

    [Fact]
    public async Task The_bot_token_never_reaches_the_logs()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        bot.Api.FailNext("sendMessage", 403, "Forbidden: bot was blocked by the user");
        bot.Api.AddFile("doc", "documents/file_1.json", [(byte)'[', (byte)']']);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        bot.Api.EnqueueUpdate(TelegramUpdates.Document("doc", "Streaming_History_Audio_2025.json", 2));
        await bot.Api.WaitForCallAsync("editMessageText", Ct);

        Assert.Contains(bot.Logs.Lines, line => line.Contains("blocked by the user", StringComparison.Ordinal));
        Assert.DoesNotContain(bot.Logs.Lines, line => line.Contains(FakeTelegramBotApi.Token, StringComparison.Ordinal) || line.Contains("ABC-DEF", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_notice_for_a_Telegram_user_arrives_as_a_private_message_with_a_link_button()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        var notifier = bot.Services.GetRequiredService<IChatNotifier>();

        await notifier.NotifyAsync(new ChatIdentity(ChatIdentity.Discord, "99"), new ChatNotice("Not for Telegram", OfferLink: false), Ct);
        await notifier.NotifyAsync(new ChatIdentity(ChatIdentity.Telegram, Chat), new ChatNotice("Spotify access was revoked.", OfferLink: true), Ct);

        var notice = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.Equal(Chat, notice.Text("chat_id"));
        Assert.Equal("Spotify access was revoked.", notice.Text("text"));
        Assert.Equal(["/link"], notice.CallbackData());
        Assert.Single(bot.Api.Calls, c => c.Method == "sendMessage");
    }

    [Fact]
    public async Task A_link_question_reaches_the_Telegram_user_with_its_confirm_and_cancel_buttons()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        var notifier = bot.Services.GetRequiredService<IChatNotifier>();

        await notifier.NotifyAsync(
            new ChatIdentity(ChatIdentity.Telegram, Chat),
            new ChatNotice(AccountLifecycleService.Question("Alice A."), OfferLink: false) { Commands = AccountLifecycleService.QuestionCommands("c0nsent", "Alice A.") },
            Ct);

        var notice = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        Assert.StartsWith("Link Spotify account Alice A.?", notice.Text("text"), StringComparison.Ordinal);
        Assert.Equal(["/link confirm c0nsent", "/link cancel c0nsent"], notice.CallbackData());
    }
}
