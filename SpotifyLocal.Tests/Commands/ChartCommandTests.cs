using SkiaSharp;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Commands;

/// <summary>/top and /stats through the real dispatcher, stats service and chart renderer on SQLite.</summary>
public sealed class ChartCommandTests : IAsyncDisposable
{
    private static readonly ChatIdentity Caller = new(ChatIdentity.Telegram, "77");
    private readonly TestBot _bot = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Fact]
    public async Task Top_artists_of_the_month_ranks_by_plays_and_offers_the_other_periods_and_kinds()
    {
        var now = _bot.Time.GetUtcNow();
        await _bot.Get<IPlayStore>().InsertAsync(
        [
            Plays.One(Caller.LocalUserId, "A", "Air", "Moon Safari", now.AddDays(-1)),
            Plays.One(Caller.LocalUserId, "B", "Air", "Moon Safari", now.AddDays(-1).AddMinutes(5)),
            Plays.One(Caller.LocalUserId, "C", "Röyksopp", "Melody A.M.", now.AddDays(-3)),
            Plays.One(Caller.LocalUserId, "Old", "Portishead", "Dummy", now.AddDays(-45)),
        ], Ct);

        var reply = await RunAsync("/top month artists");

        Assert.False(reply.IsError);
        Assert.Equal("1. Air · 2 plays · 6 min\n2. Röyksopp · 1 play · 3 min", reply.Text);
        Assert.Equal("Top artists · last 30 days", reply.Title);
        using var bitmap = SKBitmap.Decode(reply.Png);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        Assert.Equal(
            ["/top week artists", "/top year artists", "/top all artists", "/top month tracks", "/top month albums"],
            reply.Buttons.Select(b => b.CommandText));
    }

    [Fact]
    public async Task Top_follows_the_users_time_zone_for_calendar_periods()
    {
        // 23:30 UTC on 31 October is 00:30 on 1 November in Berlin (UTC+1 after the October change).
        await _bot.Get<IPlayStore>().InsertAsync([Plays.One(Caller.LocalUserId, "Late", "Night Owl", null, new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero))], Ct);

        var utcNovember = await RunAsync("/top 2026-11");
        await RunAsync("/timezone Europe/Berlin");
        var berlinNovember = await RunAsync("/top 2026-11");

        Assert.StartsWith("No plays in", utcNovember.Text, StringComparison.Ordinal);
        Assert.Equal("1. Night Owl — Late · 1 play · 3 min", berlinNovember.Text);
    }

    [Fact]
    public async Task An_empty_period_and_a_bad_period_get_plain_messages_without_a_chart()
    {
        var empty = await RunAsync("/top week");
        var bad = await RunAsync("/top 2026-13");

        Assert.Null(empty.Png);
        Assert.StartsWith("No plays in", empty.Text, StringComparison.Ordinal);
        Assert.True(bad.IsError);
        Assert.Null(bad.Png);
        Assert.Contains("month must be 01 to 12", bad.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_reports_totals_and_a_listening_per_day_chart()
    {
        var now = _bot.Time.GetUtcNow();
        await _bot.Get<IPlayStore>().InsertAsync(
        [
            Plays.One(Caller.LocalUserId, "A", "Air", "Moon Safari", now.AddDays(-1), msPlayed: 3_600_000),
            Plays.One(Caller.LocalUserId, "B", "Björk", "Post", now.AddDays(-2), msPlayed: 1_800_000),
        ], Ct);

        var reply = await RunAsync("/stats week");

        Assert.Equal("2 plays · 1 h 30 min listened\n2 songs · 2 artists · 2 albums", reply.Text);
        Assert.NotNull(SKBitmap.Decode(reply.Png));
    }

    [Fact]
    public async Task Stats_clock_draws_the_weekday_by_hour_chart_and_links_back_to_the_per_day_view()
    {
        var now = _bot.Time.GetUtcNow();
        await _bot.Get<IPlayStore>().InsertAsync([Plays.One(Caller.LocalUserId, "A", "Air", "Moon Safari", now.AddDays(-1))], Ct);

        var perDay = await RunAsync("/stats month");
        var clock = await RunAsync("/stats month clock");

        Assert.Equal("Listening clock · last 30 days", clock.Title);
        Assert.Contains("/stats month clock", perDay.Buttons.Select(b => b.CommandText));
        Assert.Contains("/stats month", clock.Buttons.Select(b => b.CommandText));
        using var bitmap = SKBitmap.Decode(clock.Png);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        Assert.NotEqual(perDay.Png, clock.Png);
    }

    [Theory]
    [InlineData("/stats", "month", false)]
    [InlineData("/stats clock", "month", true)]
    [InlineData("/stats year CLOCK", "year", true)]
    [InlineData("/stats clock 2026-11", "2026-11", true)]
    public void Stats_text_parses_period_and_view_in_any_order(string text, string period, bool clock)
    {
        Assert.Equal(new StatsCommand(period, clock), CommandParser.Parse(text).Command);
    }

    [Fact]
    public async Task Expensive_commands_are_rate_limited_per_user()
    {
        var replies = new List<BotReply>();
        for (var i = 0; i < 11; i++)
        {
            replies.Add(await RunAsync("/top week"));
        }

        Assert.All(replies.Take(10), r => Assert.False(r.IsError));
        Assert.StartsWith("Easy there", replies[^1].Text, StringComparison.Ordinal);
        _bot.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await RunAsync("/top week")).IsError);
    }

    [Fact]
    public async Task Stats_of_a_linked_user_say_when_a_long_spotify_pause_may_have_missed_plays()
    {
        var now = _bot.Time.GetUtcNow();
        await _bot.Get<IUserStore>().CreateAsync(new User { SpotifyId = "alice", JoinedAt = now, LinkState = LinkState.Linked }, Ct);
        await _bot.Get<IChatLinkStore>().SetAsync(Caller, "alice", Ct);
        await _bot.Get<IPlayStore>().InsertAsync([Plays.One("alice", "A", "Air", "Moon Safari", now.AddDays(-1))], Ct);
        var before = await RunAsync("/stats week");
        await _bot.Get<ISpotifyPauseStore>().SaveAsync(new SpotifyPause(now.AddHours(-1), now.AddHours(23), now), Ct);

        var during = await RunAsync("/stats week");
        _bot.Time.Advance(TimeSpan.FromDays(1));
        var after = await RunAsync("/stats week");

        Assert.DoesNotContain("paused", before.Text, StringComparison.Ordinal);
        Assert.Contains("Live tracking is paused", during.Text, StringComparison.Ordinal);
        Assert.Contains("may be missing", during.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("paused", after.Text, StringComparison.Ordinal);
    }

    private async Task<BotReply> RunAsync(string text)
    {
        var command = CommandParser.Parse(text).Command ?? throw new InvalidOperationException(text);
        return await _bot.Get<CommandDispatcher>().DispatchAsync(command, new CommandContext(Caller), Ct);
    }
}
