using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Tests.Telegram;

public sealed class TelegramConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_long_import_in_one_chat_does_not_delay_another_chats_commands()
    {
        var import = new BlockingImportHandler();
        var inHandInterval = TimeSpan.FromMilliseconds(1_234);
        await using var bot = await TelegramBotHarness.StartAsync(
            Ct,
            settings: new Dictionary<string, string?> { ["Telegram:InHandPollInterval"] = "00:00:01.234" },
            configure: services => services.AddCommandHandler<ImportCommand, BlockingImportHandler>(import));
        bot.Api.AddFile("doc-1", "documents/file_1.zip", [80, 75, 3, 4]);

        bot.Api.EnqueueUpdate(TelegramUpdates.Document("doc-1", "my_spotify_data.zip", 4));
        await import.Started.Task.WaitAsync(Ct);
        // The import is in hand (not confirmed), so getUpdates answers at once: the loop polls every in-hand interval.
        await bot.Time.WaitForTimerAsync(inHandInterval, Ct);
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help", userId: 777));
        bot.Time.Advance(inHandInterval);
        var help = await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("chat_id") == "777", Ct);
        import.Release.SetResult();
        await bot.Api.WaitForCallAsync("editMessageText", c => c.Text("text")!.Contains("blocked import done", StringComparison.Ordinal), Ct);

        Assert.Contains("/top", help.Text("text"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_of_one_chat_are_answered_in_the_order_they_were_sent()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/timezone Asia/Tokyo"));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/timezone"));
        var shown = await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("text")!.StartsWith("Your time zone", StringComparison.Ordinal), Ct);

        Assert.Contains("Asia/Tokyo", shown.Text("text"), StringComparison.Ordinal);
    }

    /// <summary>An import that waits until the test lets it finish.</summary>
    private sealed class BlockingImportHandler : ICommandHandler<ImportCommand>
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task<BotReply> HandleAsync(ImportCommand command, CommandContext context, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return new BotReply("blocked import done");
        }
    }
}
