using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Stats;

public sealed class StatsServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly StatsService _stats;

    public StatsServiceTests() => _stats = new StatsService(_database.Plays, _time);

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Editions_of_one_song_are_one_row_named_by_the_most_played_spelling()
    {
        var at = Now.AddDays(-2);
        await Insert(
            Plays.One("u1", "Bohemian Rhapsody - Remastered 2011", "Queen", "A Night at the Opera (2011 Remaster)", at, trackId: "spotify:track:a"),
            Plays.One("u1", "Bohemian Rhapsody - Remastered 2011", "Queen", "A Night at the Opera (2011 Remaster)", at.AddMinutes(10), trackId: "spotify:track:a"),
            Plays.One("u1", "Bohemian Rhapsody", "Queen", "Greatest Hits", at.AddMinutes(20), trackId: "spotify:track:b"),
            Plays.One("u1", "Bohemian Rhapsody", "Queen", null, at.AddMinutes(30), trackId: ""),
            Plays.One("u1", "Bohemian Rhapsody", "Queen", null, at.AddMinutes(40), trackId: ""),
            Plays.One("u1", "Bohemian Rhapsody", "Queen", null, at.AddMinutes(50), trackId: ""),
            Plays.One("u1", "Radio Ga Ga", "Queen", "The Works", at.AddMinutes(60)));

        var top = await _stats.GetTopAsync(["u1"], _stats.ParsePeriod("week", "UTC"), TopKind.Tracks, 10, Ct);

        Assert.Equal(2, top.Count);
        Assert.Equal("Bohemian Rhapsody", top[0].Name);
        Assert.Equal("Queen", top[0].ArtistName);
        Assert.Equal(6, top[0].Plays);
        Assert.Equal(at, top[0].FirstPlayedAt);
        Assert.Equal(at.AddMinutes(50), top[0].LastPlayedAt);
        Assert.Equal("Radio Ga Ga", top[1].Name);
    }

    [Fact]
    public async Task Top_lists_and_totals_only_count_plays_inside_the_period()
    {
        await Insert(
            Plays.One("u1", "Old", "A", "X", Now.AddDays(-40)),
            Plays.One("u1", "New", "B", "Y", Now.AddDays(-1)),
            Plays.One("u2", "Other user", "C", "Z", Now.AddDays(-1)));
        var month = _stats.ParsePeriod("month", "Europe/Berlin");

        var artists = await _stats.GetTopAsync(["u1"], month, TopKind.Artists, 10, Ct);
        var totals = await _stats.GetTotalsAsync(["u1"], month, Ct);

        Assert.Equal(["B"], artists.Select(a => a.Name));
        Assert.Equal(new ListeningTotals(1, 180_000, 1, 1, 1), totals);
    }

    [Fact]
    public async Task Listening_per_day_uses_local_days_and_includes_silent_days()
    {
        // 22:30 UTC on 30 March is 00:30 on 31 March in Berlin (summer time).
        await Insert(Plays.One("u1", "Late", "A", "X", new DateTimeOffset(2026, 3, 30, 22, 30, 0, TimeSpan.Zero), msPlayed: 60_000));

        var berlin = await _stats.GetDailyListeningAsync(["u1"], _stats.ParsePeriod("week", "Europe/Berlin"), Ct);
        var utc = await _stats.GetDailyListeningAsync(["u1"], _stats.ParsePeriod("week", "UTC"), Ct);

        Assert.Equal(7, berlin.Count);
        Assert.Equal(new DateOnly(2026, 3, 25), berlin[0].Day);
        Assert.Equal(new DailyListening(new DateOnly(2026, 3, 31), 1, 60_000), berlin[^1]);
        Assert.Equal(0, berlin[^2].Plays);
        Assert.Equal(new DailyListening(new DateOnly(2026, 3, 30), 1, 60_000), utc[^2]);
        Assert.Equal(0, utc[^1].Plays);
    }

    [Fact]
    public async Task Listening_per_day_stops_at_today_for_a_calendar_period_still_running()
    {
        var days = await _stats.GetDailyListeningAsync(["u1"], _stats.ParsePeriod("2026", "UTC"), Ct);

        Assert.Equal(new DateOnly(2026, 1, 1), days[0].Day);
        Assert.Equal(new DateOnly(2026, 3, 31), days[^1].Day);
        Assert.All(days, d => Assert.Equal(0, d.Plays));
    }

    [Fact]
    public async Task All_time_per_day_runs_from_the_first_to_the_last_play()
    {
        await Insert(
            Plays.One("u1", "First", "A", "X", new DateTimeOffset(2025, 12, 30, 12, 0, 0, TimeSpan.Zero)),
            Plays.One("u1", "Last", "A", "X", new DateTimeOffset(2026, 1, 2, 12, 0, 0, TimeSpan.Zero)));

        var days = await _stats.GetDailyListeningAsync(["u1"], _stats.ParsePeriod("all", "UTC"), Ct);

        Assert.Equal(
            [new DateOnly(2025, 12, 30), new DateOnly(2025, 12, 31), new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 2)],
            days.Select(d => d.Day));
        Assert.Equal([1, 0, 0, 1], days.Select(d => d.Plays));
    }

    [Fact]
    public async Task A_range_without_a_start_lists_days_from_the_first_play()
    {
        await Insert(Plays.One("u1", "First", "A", "X", new DateTimeOffset(2026, 2, 27, 12, 0, 0, TimeSpan.Zero)));

        var days = await _stats.GetDailyListeningAsync(["u1"], _stats.ParsePeriod("..2026-03-01", "UTC"), Ct);

        Assert.Equal([new DateOnly(2026, 2, 27), new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 1)], days.Select(d => d.Day));
        Assert.Equal([1, 0, 0], days.Select(d => d.Plays));
    }

    [Fact]
    public async Task The_listening_clock_is_folded_in_the_users_zone()
    {
        // Sunday 29 March 2026 23:10 UTC = Monday 01:10 in Berlin = Sunday 19:10 in New York.
        await Insert(Plays.One("u1", "Night", "A", "X", new DateTimeOffset(2026, 3, 29, 23, 10, 0, TimeSpan.Zero), msPlayed: 90_000));

        var berlin = await _stats.GetListeningClockAsync(["u1"], _stats.ParsePeriod("month", "Europe/Berlin"), Ct);
        var newYork = await _stats.GetListeningClockAsync(["u1"], _stats.ParsePeriod("month", "America/New_York"), Ct);

        Assert.Equal(1, berlin.PlaysAt(DayOfWeek.Monday, 1));
        Assert.Equal(90_000, berlin.MsPlayedAt(DayOfWeek.Monday, 1));
        Assert.Equal(1, newYork.PlaysAt(DayOfWeek.Sunday, 19));
        Assert.Equal(1, berlin.TotalPlays);
    }

    [Fact]
    public async Task Recent_plays_are_newest_first()
    {
        await Insert(Plays.For("u1").Starting(Now.AddHours(-5)).Count(5).Build().ToArray());

        var recent = await _stats.GetRecentAsync("u1", 3, Ct);

        Assert.Equal(3, recent.Count);
        Assert.True(recent[0].PlayedAt > recent[1].PlayedAt);
        Assert.True(recent[1].PlayedAt > recent[2].PlayedAt);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task Insert(params Play[] plays) => _database.Plays.InsertAsync(plays, Ct);
}
