using SkiaSharp;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Summaries;

/// <summary>Weekly summaries end to end: the real service, stores and publishers against the loopback Discord and Telegram fakes.</summary>
public sealed class WeeklySummaryTests
{
    // Week 23–29 March 2026 in Berlin (clocks go forward on the 29th); its post is due Monday 30 March 09:00 CEST = 07:00 UTC.
    private static readonly DateTimeOffset MidWeek = new(2026, 3, 25, 18, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Slot = new(2026, 3, 30, 7, 0, 0, TimeSpan.Zero);
    private const string Week = "2026-03-23";
    private const string Berlin = "Europe/Berlin";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_summary_is_posted_at_nine_local_time_after_the_spring_change_and_only_once()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot.AddMinutes(-1), Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        await harness.SeedAsync([Plays.One("discord:m1", "Idioteque", "Radiohead", "Kid A", MidWeek)]);

        var before = await harness.Summaries.RunDueAsync(Ct);
        harness.Time.SetUtcNow(Slot);
        var atSlot = await harness.Summaries.RunDueAsync(Ct);
        harness.Time.Advance(TimeSpan.FromHours(3));
        var later = await harness.Summaries.RunDueAsync(Ct);

        Assert.Equal((0, 1, 0), (before, atSlot, later));
        var post = Assert.Single(harness.ChannelPosts("c1"));
        Assert.Contains("Ann", post.Json.GetProperty("embeds")[0].GetProperty("description").GetString());
        Assert.Equal(SummaryLedgerState.Posted, (await harness.Ledger.GetAsync("discord-server:g1", Week, Ct))?.State);
    }

    [Fact]
    public async Task After_the_autumn_change_the_post_comes_at_eight_utc()
    {
        var slot = new DateTimeOffset(2026, 10, 26, 8, 0, 0, TimeSpan.Zero);
        await using var harness = await SummaryHarness.StartAsync(slot.AddMinutes(-1), Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        // Sunday 25 October 23:30 CET is still in the week 19–25 October.
        await harness.SeedAsync([Plays.One("discord:m1", "Song", "Late Band", null, new DateTimeOffset(2026, 10, 25, 22, 30, 0, TimeSpan.Zero))]);

        var before = await harness.Summaries.RunDueAsync(Ct);
        harness.Time.SetUtcNow(slot);
        var atSlot = await harness.Summaries.RunDueAsync(Ct);

        Assert.Equal((0, 1), (before, atSlot));
        Assert.Contains("Late Band", Assert.Single(harness.ChannelPosts("c1")).Json.GetProperty("embeds")[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_server_post_carries_a_decodable_png_and_counts_only_visible_members()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        await harness.SeedAsync(Plays.For("discord:m1").Starting(MidWeek).Count(3).Build());
        // m2 listened far more but never ran /visibility on.
        await harness.SeedAsync([.. Enumerable.Range(0, 20).Select(i => Plays.One("discord:m2", $"Secret {i}", "Hidden Artist", null, MidWeek.AddMinutes(5 * i)))]);

        await harness.Summaries.RunDueAsync(Ct);

        var post = Assert.Single(harness.ChannelPosts("c1"));
        var description = post.Json.GetProperty("embeds")[0].GetProperty("description").GetString()!;
        Assert.Contains("Top listener: Ann", description);
        Assert.DoesNotContain("Hidden Artist", description);
        Assert.Contains("9 min", description); // 3 plays × 3 min: m2's 60 minutes are not counted
        Assert.True(post.Json.GetProperty("enforce_nonce").GetBoolean());
        Assert.Equal(25, post.Json.GetProperty("nonce").GetString()!.Length);
        var file = Assert.Single(post.Files);
        using var bitmap = SKBitmap.Decode(file.Content);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task A_server_with_no_visible_plays_that_week_gets_nothing()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        await harness.SeedAsync([Plays.One("discord:m1", "Old", "Band", null, MidWeek.AddDays(-14))]);

        var posted = await harness.Summaries.RunDueAsync(Ct);

        Assert.Equal(0, posted);
        Assert.Empty(harness.ChannelPosts("c1"));
        Assert.Equal(SummaryLedgerState.Skipped, (await harness.Ledger.GetAsync("discord-server:g1", Week, Ct))?.State);
    }

    [Fact]
    public async Task A_telegram_subscriber_gets_a_private_photo_with_top_lists_and_the_change_against_the_week_before()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddTelegramSubscriberAsync("42", Berlin);
        await harness.SeedAsync(Plays.For("telegram:42").Starting(MidWeek).Count(4).Build());
        await harness.SeedAsync(Plays.For("telegram:42").Starting(MidWeek.AddDays(-7)).Count(2).Build());

        var posted = await harness.Summaries.RunDueAsync(Ct);

        Assert.Equal(1, posted);
        var photo = Assert.Single(harness.TelegramPhotos());
        Assert.Equal("42", photo.Text("chat_id"));
        Assert.Contains("+100%", photo.Caption());
        Assert.Contains("Top tracks", photo.Caption());
        using var bitmap = SKBitmap.Decode(photo.Photo());
        Assert.Equal((1200, 1350), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task A_restart_after_a_discord_post_went_out_but_before_it_was_marked_re_sends_the_nonce_and_discord_keeps_one_message()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        await harness.SeedAsync([Plays.One("discord:m1", "Song", "Band", null, MidWeek)]);
        await harness.Summaries.RunDueAsync(Ct);
        // The crash: the post went out, the ledger still says "decided".
        await harness.Ledger.CompleteAsync("discord-server:g1", Week, SummaryLedgerState.Decided, Slot, null, Ct);

        await harness.RestartAsync();
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Summaries.RunDueAsync(Ct);

        var posts = harness.ChannelPosts("c1");
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Json.GetProperty("nonce").GetString(), posts[1].Json.GetProperty("nonce").GetString());
        Assert.Single(harness.Discord.CreatedChannelMessages);
        Assert.Equal(SummaryLedgerState.Posted, (await harness.Ledger.GetAsync("discord-server:g1", Week, Ct))?.State);
    }

    [Fact]
    public async Task A_restart_between_decided_and_posted_never_sends_a_telegram_summary_twice()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddTelegramSubscriberAsync("42", Berlin);
        await harness.SeedAsync([Plays.One("telegram:42", "Song", "Band", null, MidWeek)]);
        await harness.Summaries.RunDueAsync(Ct);
        await harness.Ledger.CompleteAsync("telegram:42", Week, SummaryLedgerState.Decided, Slot, null, Ct);

        await harness.RestartAsync();
        harness.Time.Advance(TimeSpan.FromSeconds(30));
        var posted = await harness.Summaries.RunDueAsync(Ct);
        await harness.Summaries.RunDueAsync(Ct);

        Assert.Equal(0, posted);
        Assert.Single(harness.TelegramPhotos());
        Assert.Equal(SummaryLedgerState.Abandoned, (await harness.Ledger.GetAsync("telegram:42", Week, Ct))?.State);
    }

    [Fact]
    public async Task An_unconfirmed_discord_post_older_than_the_nonce_window_is_given_up_not_re_sent()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        await harness.SeedAsync([Plays.One("discord:m1", "Song", "Band", null, MidWeek)]);
        await harness.Ledger.TryCreateAsync(new SummaryLedgerEntry("discord-server:g1", Week, SummaryLedgerState.Decided, "n", Slot), Ct);

        harness.Time.Advance(TimeSpan.FromMinutes(10));
        await harness.Summaries.RunDueAsync(Ct);

        Assert.Empty(harness.ChannelPosts("c1"));
        Assert.Equal(SummaryLedgerState.Abandoned, (await harness.Ledger.GetAsync("discord-server:g1", Week, Ct))?.State);
    }

    [Fact]
    public async Task A_channel_answering_403_is_disabled_with_a_log_line_and_not_tried_again()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        await harness.SeedAsync([Plays.One("discord:m1", "Song", "Band", null, MidWeek), Plays.One("discord:m1", "Song", "Band", null, MidWeek.AddDays(7))]);
        harness.Discord.FailChannel("c1", 403);

        await harness.Summaries.RunDueAsync(Ct);
        harness.Time.Advance(TimeSpan.FromDays(7));
        await harness.Summaries.RunDueAsync(Ct);

        Assert.Single(harness.ChannelPosts("c1"));
        var settings = await harness.Servers.GetAsync("g1", Ct);
        Assert.False(settings?.WeeklyEnabled);
        Assert.Contains("403", settings?.WeeklyDisabledReason);
        Assert.Contains(harness.Logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("discord-server:g1") && l.Contains("now off"));
        Assert.Equal(SummaryLedgerState.Failed, (await harness.Ledger.GetAsync("discord-server:g1", Week, Ct))?.State);
    }

    [Fact]
    public async Task A_user_who_blocked_the_bot_is_unsubscribed()
    {
        await using var harness = await SummaryHarness.StartAsync(Slot, Ct);
        await harness.AddTelegramSubscriberAsync("42", Berlin);
        await harness.SeedAsync([Plays.One("telegram:42", "Song", "Band", null, MidWeek)]);
        harness.Telegram.FailNext("sendPhoto", 403, "Forbidden: bot was blocked by the user");

        await harness.Summaries.RunDueAsync(Ct);

        Assert.False(await harness.Settings.IsWeeklyAsync(new ChatIdentity(ChatIdentity.Telegram, "42"), Ct));
    }

    [Fact]
    public async Task A_bot_down_over_the_slot_catches_up_once_and_skips_weeks_beyond_the_window()
    {
        // Down from Sunday until Monday 15:00 local: within the 24-hour window.
        await using var harness = await SummaryHarness.StartAsync(Slot.AddHours(6), Ct);
        await harness.AddServerAsync("g1", "c1", Berlin, ("m1", "Ann"));
        await harness.SeedAsync(Enumerable.Range(0, 5).Select(w => Plays.One("discord:m1", "Song", "Band", null, MidWeek.AddDays(7 * w))));

        var caughtUp = await harness.Summaries.RunDueAsync(Ct);
        var again = await harness.Summaries.RunDueAsync(Ct);
        // Then down for three weeks: the weeks in between are never posted, and neither is one whose slot is 2 days past.
        harness.Time.SetUtcNow(Slot.AddDays(21).AddDays(2));
        var afterLongDowntime = await harness.Summaries.RunDueAsync(Ct);

        Assert.Equal((1, 0, 0), (caughtUp, again, afterLongDowntime));
        Assert.Single(harness.ChannelPosts("c1"));
    }
}
