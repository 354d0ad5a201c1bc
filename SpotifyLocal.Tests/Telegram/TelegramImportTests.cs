using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Telegram;

public sealed class TelegramImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_document_is_downloaded_imported_with_one_progress_message_edited_in_place_and_deleted_afterwards()
    {
        RecordingImportHandler? handler = null;
        await using var bot = await TelegramBotHarness.StartAsync(Ct, configure: services =>
            services.AddSingleton<ICommandHandler<ImportCommand>>(provider =>
                handler = new RecordingImportHandler(provider.GetRequiredService<Microsoft.Extensions.Time.Testing.FakeTimeProvider>())));
        byte[] export = [80, 75, 3, 4, 1, 2, 3];
        bot.Api.AddFile("doc-1", "documents/file_7.zip", export);

        bot.Api.EnqueueUpdate(TelegramUpdates.Document("doc-1", "my_spotify_data.zip", export.Length));
        var progress = await bot.Api.WaitForCallAsync("sendMessage", Ct);
        var final = await bot.Api.WaitForCallAsync("editMessageText", c => c.Text("text")!.StartsWith("Imported", StringComparison.Ordinal), Ct);
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("text")!.Contains("/weekly"), Ct);

        Assert.Contains("my_spotify_data.zip", progress.Text("text"));
        Assert.Equal(["documents/file_7.zip"], bot.Api.Downloads);
        Assert.Equal(export, handler!.Content);
        Assert.Equal("my_spotify_data.zip", handler.FileName);
        Assert.False(File.Exists(handler.FilePath));
        var edits = bot.Api.Calls.Where(c => c.Method == "editMessageText").ToList();
        Assert.All(edits, e => Assert.Equal(progress.ResultMessageId.ToString(), e.Text("message_id")));
        // Progress edits coalesce (only the latest waits), so a step the pump had not sent yet may be replaced by the
        // next one: what reaches Telegram is an in-order subset of the shown steps, never the step inside the interval
        // (90%), and always ends with the final answer.
        string[] shown = ["Reading the export…\n▓░░░░░░░░░░░ 10%", "Importing plays…\n▓▓▓▓▓▓▓░░░░░ 60%", $"Imported {export.Length} plays from my_spotify_data.zip."];
        var sent = edits.Select(e => Array.IndexOf(shown, e.Text("text"))).ToList();
        Assert.DoesNotContain(-1, sent);
        Assert.Equal(sent.Order().Distinct(), sent);
        Assert.Same(final, edits[^1]);
    }
}
