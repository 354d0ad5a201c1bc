using SkiaSharp;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Import;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>Real handlers, real stats and import, real Telegram.Bot client, loopback fake Bot API.</summary>
public sealed class TelegramEndToEndTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string LocalUserId => new ChatIdentity(ChatIdentity.Telegram, TelegramUpdates.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)).LocalUserId;

    [Fact]
    public async Task Top_month_sends_a_decodable_chart_whose_caption_ranks_the_users_plays_and_a_button_switches_the_period_in_place()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        var now = bot.Time.GetUtcNow();
        var plays = new List<Play>();
        for (var i = 0; i < 5; i++)
        {
            plays.Add(Plays.One(LocalUserId, "Jóga", "Björk", "Homogenic", now.AddDays(-2).AddMinutes(5 * i)));
        }

        for (var i = 0; i < 3; i++)
        {
            plays.Add(Plays.One(LocalUserId, "Выхода нет", "Сплин", "Гранатовый альбом", now.AddDays(-3).AddMinutes(5 * i)));
        }

        plays.Add(Plays.One(LocalUserId, "First Love", "宇多田ヒカル", "First Love", now.AddDays(-20)));
        await bot.Plays.InsertAsync(plays, Ct);

        bot.Api.EnqueueUpdate(TelegramUpdates.Text("/top month"));
        var photo = await bot.Api.WaitForCallAsync("sendPhoto", Ct);

        using (var bitmap = SKBitmap.Decode(photo.Photo()))
        {
            Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        }

        var caption = photo.Caption()!;
        var first = caption.IndexOf("1. Björk — Jóga · 5 plays", StringComparison.Ordinal);
        var second = caption.IndexOf("2. Сплин — Выхода нет · 3 plays", StringComparison.Ordinal);
        var third = caption.IndexOf("3. 宇多田ヒカル — First Love · 1 play", StringComparison.Ordinal);
        Assert.True(first >= 0 && second > first && third > second, caption);
        Assert.Contains("/top week tracks", photo.CallbackData());

        bot.Api.EnqueueUpdate(TelegramUpdates.Callback("cb-week", photo.ResultMessageId!.Value, "/top week tracks", onPhoto: true));
        var edited = await bot.Api.WaitForCallAsync("editMessageMedia", Ct);

        Assert.Equal(photo.ResultMessageId.ToString(), edited.Text("message_id"));
        Assert.Contains("last 7 days", edited.Caption(), StringComparison.Ordinal);
        Assert.DoesNotContain("宇多田ヒカル", edited.Caption(), StringComparison.Ordinal);
        Assert.NotNull(SKBitmap.Decode(edited.Photo()));
    }

    [Fact]
    public async Task An_export_zip_is_imported_with_progress_edits_and_a_summary_with_the_right_counts()
    {
        await using var bot = await TelegramBotHarness.StartAsync(Ct);
        using var files = new ExportFiles();
        var history = new ExtendedHistoryBuilder(new DateTimeOffset(2025, 6, 1, 8, 0, 0, TimeSpan.Zero))
            .Music(2_400, distinctTracks: 60)
            .ShortPlays(40)
            .Podcasts(15)
            .Incognito(5);
        var zip = files.Zip([.. history.ToFiles(rowsPerFile: 1_000).Select(f => ("Spotify Extended Streaming History/" + f.Name, f.Json))]);
        var bytes = await File.ReadAllBytesAsync(zip, Ct);
        bot.Api.AddFile("doc-9", "documents/file_9.zip", bytes);

        bot.Api.EnqueueUpdate(TelegramUpdates.Document("doc-9", "my_spotify_data.zip", bytes.Length));
        var final = await bot.Api.WaitForCallAsync("editMessageText", c => c.Text("text")!.Contains("Import finished", StringComparison.Ordinal), Ct);

        Assert.Contains($"{history.ExpectedPlays:N0} new plays, 0 already stored", final.Text("text"), StringComparison.Ordinal);
        // Podcasts are stored apart from music plays now, no longer left out.
        Assert.Contains("15 podcast/audiobook entries stored apart (15 new, 0 already stored)", final.Text("text"), StringComparison.Ordinal);
        Assert.Equal(history.ExpectedPlays, await bot.Plays.CountAsync(PlayScope.AllTime(LocalUserId), Ct));
        Assert.Contains(bot.Api.Calls, c => c.Method == "editMessageText" && c.Text("text")!.Contains("entries", StringComparison.Ordinal));
    }
}
