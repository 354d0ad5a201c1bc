using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Insights;

/// <summary>
/// Recaps on each backend against values worked out by hand: every instant is written with the UTC offset Berlin has on
/// that date, and every expected total, day, month, hour and rank is typed in, never computed by the code under test.
/// </summary>
public abstract class RecapServiceTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    // 12:00 on 2 April 2026 in Berlin.
    private static readonly DateTimeOffset Now = new(2026, 4, 2, 12, 0, 0, Cest);
    private IPlayStore? _store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An empty play store of the backend under test.</summary>
    protected abstract Task<IPlayStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void Without_a_period_the_recap_is_this_local_calendar_year_so_far()
    {
        var period = Service().ParsePeriod(null, "Europe/Berlin");

        Assert.Equal("2026 so far", period.Label);
        // Midnight of 1 January in Berlin is 23:00 UTC on 31 December.
        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), period.From);
        Assert.Equal(Now, period.To);
        Assert.Equal("2025", Service().ParsePeriod("2025", "Europe/Berlin").Label);
        Assert.Equal("last 30 days", Service().ParsePeriod("month", "Europe/Berlin").Label);
        Assert.Throws<PeriodParseException>(() => Service().ParsePeriod("fortnight", "Europe/Berlin"));
    }

    [Fact]
    public async Task A_recap_counts_time_days_the_longest_streak_months_hours_and_top_lists_in_local_time()
    {
        await InsertFixtureAsync();

        var recap = await RecapAsync(null);

        // Plays 2–9 of the fixture: 4 + 4 + 5 + 3 + 3 + 3 + 3 + 2 = 27 minutes.
        Assert.Equal(8, recap.Plays);
        Assert.Equal(1_620_000, recap.MsPlayed);
        Assert.Equal(27, recap.Minutes);
        // 1 Jan, 10 Jan, 27–30 Mar.
        Assert.Equal(6, recap.ListeningDays);
        Assert.Equal(new Streak(new(2026, 3, 27), new(2026, 3, 30)), recap.LongestStreak);
        Assert.Equal(
            [new RecapMonth(2026, 1, 3, 780_000), new RecapMonth(2026, 2, 0, 0), new RecapMonth(2026, 3, 5, 840_000), new RecapMonth(2026, 4, 0, 0)],
            recap.Months);
        Assert.Equal(new RecapMonth(2026, 3, 5, 840_000), recap.BusiestMonth);
        var hours = new long[24];
        hours[0] = 240_000 + 180_000;
        hours[21] = 240_000 + 300_000 + 120_000;
        hours[23] = 3 * 180_000;
        Assert.Equal(hours, recap.MsPlayedByHour);
        Assert.Equal(21, recap.BusiestHour);
        Assert.Equal([("Band", 4, 720_000L), ("Björk", 3, 780_000L), ("Newcomer", 1, 120_000L)], recap.TopArtists.Select(Row));
        Assert.Equal(
            [("Song", 4, 720_000L), ("Jóga", 2, 480_000L), ("Hyperballad", 1, 300_000L), ("Fresh", 1, 120_000L)],
            recap.TopTracks.Select(Row));
        Assert.Equal(
            [("Album", 4, 720_000L), ("Homogenic", 2, 480_000L), ("Post", 1, 300_000L), ("Debut", 1, 120_000L)],
            recap.TopAlbums.Select(Row));
        // Björk and "Before" were first played in 2025.
        Assert.Equal(2, recap.Discoveries.Total);
        Assert.Equal([("Band", 4, 720_000L), ("Newcomer", 1, 120_000L)], recap.Discoveries.Items.Select(Row));
    }

    [Fact]
    public async Task A_calendar_year_ends_at_local_midnight_not_utc_midnight()
    {
        await InsertFixtureAsync();

        var recap = await RecapAsync("2025");

        // The June play and 23:30 on 31 December (22:30 UTC); 00:30 on 1 January (still 31 December in UTC) is 2026.
        Assert.Equal(2, recap.Plays);
        Assert.Equal(180_000 + 600_000, recap.MsPlayed);
        Assert.Equal(2, recap.ListeningDays);
        Assert.Equal(new Streak(new(2025, 12, 31), new(2025, 12, 31)), recap.LongestStreak);
        Assert.Equal(12, recap.Months.Count);
        Assert.Equal(new RecapMonth(2025, 12, 1, 600_000), recap.BusiestMonth);
        Assert.Equal(23, recap.BusiestHour);
        Assert.Equal(["Before", "Björk"], recap.TopArtists.Select(a => a.Name));
        // Björk, first played in June 2025, counts all four plays since; "Before" has one.
        Assert.Equal([("Björk", 4, 960_000L), ("Before", 1, 600_000L)], recap.Discoveries.Items.Select(Row));
    }

    [Fact]
    public async Task A_streak_counts_local_days_across_the_autumn_daylight_saving_change()
    {
        // Berlin moves from +02:00 back to +01:00 at 03:00 local on 25 October 2026; 23:20 UTC on the 25th is the 26th.
        await InsertAsync(
            Play("Song", "Band", "Album", new(2026, 10, 24, 23, 30, 0, Cest)),
            Play("Song", "Band", "Album", new(2026, 10, 25, 23, 30, 0, Cet)),
            Play("Song", "Band", "Album", new(2026, 10, 26, 0, 20, 0, Cet)),
            Play("Song", "Band", "Album", new(2026, 10, 28, 12, 0, 0, Cet)));

        var recap = await Service(new(2026, 11, 1, 12, 0, 0, Cet)).GetRecapAsync("u1", Periods.Parse("2026-10", Berlin, Now), Ct);

        Assert.Equal(4, recap.ListeningDays);
        Assert.Equal(new Streak(new(2026, 10, 24), new(2026, 10, 26)), recap.LongestStreak);
        Assert.Equal([new RecapMonth(2026, 10, 4, 720_000)], recap.Months);
        Assert.Equal(23, recap.BusiestHour);
    }

    [Fact]
    public async Task The_skip_share_counts_only_plays_that_say_whether_they_were_skipped()
    {
        var skipped = new PlayContext(true, "clickrow", "fwdbtn", false, "android", false);
        var finished = new PlayContext(false, "clickrow", "trackdone", false, "android", false);
        var unknown = new PlayContext(null, null, "endplay", null, null, null);
        await InsertAsync(
            Play("A", "Band", "Album", new(2026, 2, 1, 10, 0, 0, Cet)) with { Context = skipped },
            Play("B", "Band", "Album", new(2026, 2, 1, 11, 0, 0, Cet)) with { Context = skipped },
            Play("C", "Other", "Album", new(2026, 2, 2, 10, 0, 0, Cet)) with { Context = finished },
            Play("D", "Other", "Album", new(2026, 2, 3, 10, 0, 0, Cet)) with { Context = finished },
            Play("E", "Other", "Album", new(2026, 2, 4, 10, 0, 0, Cet)) with { Context = finished },
            Play("F", "Third", "Album", new(2026, 2, 5, 10, 0, 0, Cet)) with { Context = unknown },
            Play("G", "Third", "Album", new(2026, 2, 6, 10, 0, 0, Cet)),
            // Skipped, but in 2025: outside the recap.
            Play("H", "Band", "Album", new(2025, 2, 1, 10, 0, 0, Cet)) with { Context = skipped });

        var year = await RecapAsync(null);
        var without = await RecapAsync("2024");

        // 7 plays in 2026; 5 say whether they were skipped (F's context leaves it out, G was tracked); 2 of those were.
        Assert.Equal(7, year.Plays);
        Assert.Equal(5, year.PlaysWithSkipData);
        Assert.Equal(2, year.Skipped);
        Assert.Equal(0.4, year.SkipShare);
        Assert.Null(without.SkipShare);
    }

    [Fact]
    public async Task A_period_without_plays_has_an_empty_recap()
    {
        await InsertFixtureAsync();

        var recap = await RecapAsync("2024");

        Assert.Equal(0, recap.Plays);
        Assert.Equal(0, recap.ListeningDays);
        Assert.Null(recap.LongestStreak);
        Assert.Null(recap.BusiestMonth);
        Assert.Null(recap.BusiestHour);
        Assert.Empty(recap.TopArtists);
        Assert.Equal(0, recap.Discoveries.Total);
    }

    /// <summary>
    /// 0–1 in 2025, 2–9 in 2026 up to <see cref="Now"/> (minutes in brackets):
    /// 0. Björk "Jóga" 1 Jun 2025 12:00 CEST (3); 1. "Before" 31 Dec 2025 23:30 CET = 22:30Z (10);
    /// 2. Björk "Jóga" 1 Jan 2026 00:30 CET = 23:30Z on 31 Dec (4); 3–4. Björk "Jóga" (4) and "Hyperballad" (5) 10 Jan 21:15 and 21:40;
    /// 5–8. Band "Song" (3 each) 27 Mar 23:30 CET, 28 Mar 23:50 CET, 29 Mar 23:50 CEST, 30 Mar 00:10 CEST (22:10Z on the 29th);
    /// 9. Newcomer "Fresh" 30 Mar 21:00 CEST (2).
    /// </summary>
    private Task InsertFixtureAsync() => InsertAsync(
        Play("Jóga", "Björk", "Homogenic", new(2025, 6, 1, 12, 0, 0, Cest), 180_000),
        Play("Old", "Before", "Past", new(2025, 12, 31, 23, 30, 0, Cet), 600_000),
        Play("Jóga", "Björk", "Homogenic", new(2026, 1, 1, 0, 30, 0, Cet), 240_000),
        Play("Jóga", "Björk", "Homogenic", new(2026, 1, 10, 21, 15, 0, Cet), 240_000),
        Play("Hyperballad", "Björk", "Post", new(2026, 1, 10, 21, 40, 0, Cet), 300_000),
        Play("Song", "Band", "Album", new(2026, 3, 27, 23, 30, 0, Cet)),
        Play("Song", "Band", "Album", new(2026, 3, 28, 23, 50, 0, Cet)),
        Play("Song", "Band", "Album", new(2026, 3, 29, 23, 50, 0, Cest)),
        Play("Song", "Band", "Album", new(2026, 3, 30, 0, 10, 0, Cest)),
        Play("Fresh", "Newcomer", "Debut", new(2026, 3, 30, 21, 0, 0, Cest), 120_000),
        // Another user's plays never count.
        Plays.One("u2", "Song", "Band", "Album", new(2026, 1, 5, 12, 0, 0, Cet)));

    private static (string Name, int Plays, long MsPlayed) Row(TopItem item) => (item.Name, item.Plays, item.MsPlayed);

    private static Play Play(string track, string artist, string album, DateTimeOffset at, int msPlayed = 180_000) =>
        Plays.One("u1", track, artist, album, at, msPlayed: msPlayed);

    private async Task InsertAsync(params Play[] plays) => await _store!.InsertAsync(plays, Ct);

    private RecapService Service(DateTimeOffset? now = null) => new(_store!, new FakeTimeProvider(now ?? Now));

    private Task<Recap> RecapAsync(string? period) =>
        Service().GetRecapAsync("u1", Service().ParsePeriod(period, "Europe/Berlin"), Ct);
}
