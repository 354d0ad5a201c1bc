using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Insights;

/// <summary>
/// Streaks and discoveries on each backend, against values worked out by hand: every instant below is written with the
/// UTC offset the zone has on that date, and every expected day and count is typed in, never computed by the code under test.
/// </summary>
public abstract class InsightsServiceTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);
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
    public async Task A_play_at_23_30_and_one_at_00_30_local_are_two_days_though_the_same_utc_day()
    {
        // 22:30Z and 23:30Z on 10 January: one UTC day, two Berlin days.
        await InsertAsync(
            Play("Song", "Band", new(2026, 1, 10, 23, 30, 0, Cet)),
            Play("Song", "Band", new(2026, 1, 11, 0, 30, 0, Cet)));

        var streaks = await StreaksAsync(Berlin, new(2026, 1, 11, 12, 0, 0, Cet));

        Assert.Equal(new Streak(new(2026, 1, 10), new(2026, 1, 11)), streaks.Current);
        Assert.Equal(new Streak(new(2026, 1, 10), new(2026, 1, 11)), streaks.Longest);
        Assert.Equal(2, streaks.ListeningDays);
        Assert.Equal(2, Assert.Single(streaks.Artists).Longest.Days);
    }

    [Fact]
    public async Task Two_utc_days_inside_one_local_evening_are_one_day_and_a_missed_day_ends_the_streak()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var est = TimeSpan.FromHours(-5);
        // 23:30Z on 10 January and 00:30Z on 11 January: two UTC days, one New York evening.
        await InsertAsync(
            Play("Song", "Band", new(2026, 1, 10, 18, 30, 0, est)),
            Play("Song", "Band", new(2026, 1, 10, 19, 30, 0, est)));

        var streaks = await StreaksAsync(newYork, new(2026, 1, 12, 10, 0, 0, est));

        Assert.Null(streaks.Current);
        Assert.Equal(new Streak(new(2026, 1, 10), new(2026, 1, 10)), streaks.Longest);
        Assert.Equal(1, streaks.ListeningDays);
        Assert.Equal(new DateOnly(2026, 1, 10), streaks.LastListeningDay);
        Assert.Null(Assert.Single(streaks.Artists).Current);
    }

    [Fact]
    public async Task A_streak_runs_across_the_spring_daylight_saving_change()
    {
        // Berlin moves from +01:00 to +02:00 at 02:00 local on 29 March 2026.
        await InsertAsync(
            Play("Early", "Other", new(2026, 3, 1, 12, 0, 0, Cet)),
            Play("Early", "Other", new(2026, 3, 2, 12, 0, 0, Cet)),
            Play("Song", "Band", new(2026, 3, 27, 23, 30, 0, Cet)),
            Play("Song", "Band", new(2026, 3, 28, 23, 50, 0, Cet)),
            Play("Song", "Band", new(2026, 3, 29, 23, 50, 0, Cest)),
            // 22:10Z on 29 March: with the winter offset it would still be the 29th, but it is 00:10 on the 30th.
            Play("Song", "Band", new(2026, 3, 30, 0, 10, 0, Cest)));

        var streaks = await StreaksAsync(Berlin, new(2026, 3, 31, 8, 0, 0, Cest));

        // Nothing yet on the 31st: the streak that ended yesterday is still current.
        Assert.Equal(new Streak(new(2026, 3, 27), new(2026, 3, 30)), streaks.Current);
        Assert.Equal(4, streaks.Longest!.Days);
        Assert.Equal(6, streaks.ListeningDays);
        var band = streaks.Artists.Single(a => a.ArtistName == "Band");
        Assert.Equal(new Streak(new(2026, 3, 27), new(2026, 3, 30)), band.Longest);
        Assert.Equal(band.Longest, band.Current);
        Assert.Equal(new Streak(new(2026, 3, 1), new(2026, 3, 2)), streaks.Artists.Single(a => a.ArtistName == "Other").Longest);
    }

    [Fact]
    public async Task A_streak_runs_across_the_autumn_daylight_saving_change()
    {
        // Berlin moves from +02:00 back to +01:00 at 03:00 local on 25 October 2026.
        await InsertAsync(
            Play("Song", "Band", new(2026, 10, 24, 23, 30, 0, Cest)),
            Play("Song", "Band", new(2026, 10, 25, 23, 30, 0, Cet)),
            // 23:20Z on 25 October is already the 26th in Berlin.
            Play("Song", "Band", new(2026, 10, 26, 0, 20, 0, Cet)));

        var streaks = await StreaksAsync(Berlin, new(2026, 10, 26, 9, 0, 0, Cet));

        Assert.Equal(new Streak(new(2026, 10, 24), new(2026, 10, 26)), streaks.Current);
        Assert.Equal(new Streak(new(2026, 10, 24), new(2026, 10, 26)), Assert.Single(streaks.Artists).Current);
    }

    [Fact]
    public async Task A_zone_45_minutes_off_the_hour_splits_days_inside_one_utc_hour()
    {
        var kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");
        var npt = new TimeSpan(5, 45, 0);
        // 18:10Z and 18:20Z: one UTC hour, two Kathmandu days.
        await InsertAsync(
            Play("Song", "Band", new(2026, 1, 10, 23, 55, 0, npt)),
            Play("Song", "Band", new(2026, 1, 11, 0, 5, 0, npt)));

        var streaks = await StreaksAsync(kathmandu, new(2026, 1, 11, 10, 0, 0, npt));

        Assert.Equal(new Streak(new(2026, 1, 10), new(2026, 1, 11)), streaks.Current);
        Assert.Equal(new Streak(new(2026, 1, 10), new(2026, 1, 11)), Assert.Single(streaks.Artists).Current);
    }

    [Fact]
    public async Task Per_artist_streaks_count_local_days_in_a_row_with_that_artist_longest_first()
    {
        var plays = new List<Play>();
        for (var day = 1; day <= 5; day++)
        {
            plays.Add(Play("Jóga", "Björk", new(2026, 1, day, 12, 0, 0, Cet)));
        }

        plays.Add(Play("Hyperballad", "Björk", new(2026, 1, 5, 23, 30, 0, Cet)));
        // 23:30Z on 5 January, 00:30 on the 6th in Berlin: Björk's sixth day.
        plays.Add(Play("Hyperballad", "Björk", new(2026, 1, 6, 0, 30, 0, Cet)));
        plays.Add(Play("Hoppípolla", "Sigur Rós", new(2026, 1, 3, 15, 0, 0, Cet)));
        plays.Add(Play("Hoppípolla", "Sigur Rós", new(2026, 1, 5, 15, 0, 0, Cet)));
        plays.Add(Play("Green Grass", "Múm", new(2026, 1, 6, 10, 0, 0, Cet)));
        plays.Add(Play("Green Grass", "Múm", new(2026, 1, 7, 10, 0, 0, Cet)));
        await InsertAsync([.. plays]);

        var streaks = await StreaksAsync(Berlin, new(2026, 1, 7, 20, 0, 0, Cet));

        Assert.Equal(new Streak(new(2026, 1, 1), new(2026, 1, 7)), streaks.Current);
        Assert.Equal(7, streaks.ListeningDays);
        Assert.Equal(
            [
                ("Björk", new Streak(new(2026, 1, 1), new(2026, 1, 6)), (Streak?)new Streak(new(2026, 1, 1), new(2026, 1, 6))),
                ("Múm", new Streak(new(2026, 1, 6), new(2026, 1, 7)), new Streak(new(2026, 1, 6), new(2026, 1, 7))),
                // Two one-day runs: the later one is shown; the 5th is before yesterday, so no current streak.
                ("Sigur Rós", new Streak(new(2026, 1, 5), new(2026, 1, 5)), null),
            ],
            streaks.Artists.Select(a => (a.ArtistName, a.Longest, a.Current)));
    }

    [Fact]
    public async Task No_plays_means_no_streaks()
    {
        var streaks = await StreaksAsync(Berlin, new(2026, 1, 7, 20, 0, 0, Cet));

        Assert.Null(streaks.Current);
        Assert.Null(streaks.Longest);
        Assert.Equal(0, streaks.ListeningDays);
        Assert.Empty(streaks.Artists);
    }

    [Fact]
    public async Task Discoveries_are_first_played_in_the_local_period_and_ranked_by_all_plays_since()
    {
        await InsertAsync(
            // Björk is known from January; a second spelling in February is the same artist and song.
            Play("Jóga", "Björk", new(2026, 1, 15, 12, 0, 0, Cet)),
            Play("Joga", "Bjork", new(2026, 2, 3, 12, 0, 0, Cet)),
            // A new song by a known artist is a new track only.
            Play("Fresh", "Björk", new(2026, 2, 5, 12, 0, 0, Cet)),
            Play("Fresh", "Björk", new(2026, 2, 6, 12, 0, 0, Cet)),
            Play("Fresh", "Björk", new(2026, 3, 2, 12, 0, 0, Cet)),
            // 23:30Z on 31 January is already February in Berlin; plays in March count as plays since.
            Play("X1", "Xiu Xiu", new(2026, 2, 1, 0, 30, 0, Cet)),
            Play("X1", "Xiu Xiu", new(2026, 2, 2, 12, 0, 0, Cet)),
            Play("X1", "Xiu Xiu", new(2026, 3, 3, 12, 0, 0, Cet)),
            Play("X1", "Xiu Xiu", new(2026, 3, 4, 12, 0, 0, Cet)),
            Play("X1", "Xiu Xiu", new(2026, 3, 5, 12, 0, 0, Cet)),
            Play("Y1", "Yeah Yeahs", new(2026, 2, 10, 12, 0, 0, Cet)),
            Play("Y1", "Yeah Yeahs", new(2026, 2, 11, 12, 0, 0, Cet)),
            // 23:30Z on 28 February is already March in Berlin.
            Play("Z1", "Zola", new(2026, 3, 1, 0, 30, 0, Cet)),
            // Another user's earlier play of Xiu Xiu does not make it known to u1.
            Plays.One("u2", "X1", "Xiu Xiu", null, new(2025, 12, 1, 12, 0, 0, Cet)));
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, Cet);
        var february = Periods.Parse("2026-02", Berlin, now);

        var found = await Service(now).GetDiscoveriesAsync("u1", february, 10, Ct);
        var topTwo = await Service(now).GetDiscoveriesAsync("u1", february, 2, Ct);

        Assert.Equal(2, found.Artists.Total);
        Assert.Equal(
            [("Xiu Xiu", 5, new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.Zero)), ("Yeah Yeahs", 2, new DateTimeOffset(2026, 2, 10, 11, 0, 0, TimeSpan.Zero))],
            found.Artists.Items.Select(i => (i.Name, i.Plays, i.FirstPlayedAt)));
        Assert.Equal(3, found.Tracks.Total);
        Assert.Equal([("X1", "Xiu Xiu", 5), ("Fresh", "Björk", 3), ("Y1", "Yeah Yeahs", 2)], found.Tracks.Items.Select(i => (i.Name, i.ArtistName, i.Plays)));
        Assert.Equal(3, topTwo.Tracks.Total);
        Assert.Equal(["X1", "Fresh"], topTwo.Tracks.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task A_period_without_first_plays_has_no_discoveries()
    {
        await InsertAsync(
            Play("Song", "Band", new(2026, 1, 15, 12, 0, 0, Cet)),
            Play("Song", "Band", new(2026, 2, 15, 12, 0, 0, Cet)));
        var now = new DateTimeOffset(2026, 3, 10, 12, 0, 0, Cet);

        var found = await Service(now).GetDiscoveriesAsync("u1", Periods.Parse("2026-02", Berlin, now), 10, Ct);

        Assert.Equal(0, found.Artists.Total);
        Assert.Empty(found.Artists.Items);
        Assert.Equal(0, found.Tracks.Total);
    }

    private static Play Play(string track, string artist, DateTimeOffset at) => Plays.One("u1", track, artist, "Album", at);

    private async Task InsertAsync(params Play[] plays) => await _store!.InsertAsync(plays, Ct);

    private InsightsService Service(DateTimeOffset now) => new(_store!, new FakeTimeProvider(now));

    private Task<ListeningStreaks> StreaksAsync(TimeZoneInfo zone, DateTimeOffset now) => Service(now).GetStreaksAsync("u1", zone, Ct);
}
