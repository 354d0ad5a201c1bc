using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Tests.Telegram;

public sealed class TelegramChartReplyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chart_comes_as_a_photo_with_its_caption_and_buttons_and_a_button_swaps_photo_and_caption_in_place()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct, configure: services =>
            services.AddSingleton<ICommandHandler<TopCommand>, StandInTopHandler>());

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/top month"));
        var photo = await bot.Api.WaitForCallAsync("sendPhoto", Ct);

        Assert.Equal(StandInTopHandler.PngFor("month"), photo.Photo());
        Assert.Equal("<b>Top tracks, month</b>\n1. Song A (month)\n2. Song B", photo.Caption());
        Assert.Equal(["/top week tracks", "/top month tracks"], photo.CallbackData());
        Assert.Equal("https://open.spotify.com/", photo.Json("reply_markup")!["inline_keyboard"]![0]![2]!["url"]!.GetValue<string>());

        bot.Api.EnqueueUpdate(TelegramUpdates.Callback("cb-week", photo.ResultMessageId!.Value, "/top week tracks", onPhoto: true));
        var edited = await bot.Api.WaitForCallAsync("editMessageMedia", Ct);

        Assert.Equal(photo.ResultMessageId.ToString(), edited.Text("message_id"));
        Assert.Equal(StandInTopHandler.PngFor("week"), edited.Photo());
        Assert.Equal("<b>Top tracks, week</b>\n1. Song A (week)\n2. Song B", edited.Caption());
        Assert.Equal(["/top week tracks", "/top month tracks"], edited.CallbackData());
        Assert.Single(bot.Api.Calls, c => c.Method == "sendPhoto");
    }
}
