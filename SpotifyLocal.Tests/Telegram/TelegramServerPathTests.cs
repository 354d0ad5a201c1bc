using System.Globalization;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>A Telegram user imports only what they upload: text and button data can never name a file on the server.</summary>
public sealed class TelegramServerPathTests
{
    private static readonly string LocalUserId = $"telegram:{TelegramUpdates.UserId.ToString(CultureInfo.InvariantCulture)}";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_with_a_server_path_as_text_imports_nothing_and_says_the_same_for_a_missing_file()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/import " + Samples.DemoExport()));
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/import /no/such/export.zip"));
        await bot.Api.WaitForCallAsync("sendMessage", _ => bot.Api.Calls.Count(c => c.Method == "sendMessage") >= 2, Ct);
        var replies = bot.Api.Calls.Where(c => c.Method == "sendMessage").ToList();
        var (existing, missing) = (replies[0], replies[1]);

        Assert.Equal(0, await bot.Plays.CountAsync(PlayScope.AllTime(LocalUserId), Ct));
        Assert.Contains("attach", existing.Text("text"), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("demo-export", existing.Text("text"), StringComparison.Ordinal);
        Assert.Equal(existing.Text("text"), missing.Text("text"));
    }

    [Fact]
    public async Task A_forged_button_carrying_a_server_path_imports_nothing()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Callback("cb-forged", messageId: 7, data: "/import " + Samples.DemoExport()));
        await bot.Api.WaitForCallAsync("answerCallbackQuery", Ct);
        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/help"));
        await bot.Api.WaitForCallAsync("sendMessage", c => c.Text("text")!.Contains("/weekly"), Ct);

        Assert.Equal(0, await bot.Plays.CountAsync(PlayScope.AllTime(LocalUserId), Ct));
        Assert.DoesNotContain(bot.Api.Calls, c => c.Text("text")?.Contains("Imported", StringComparison.Ordinal) == true);
    }
}
