using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Insights;

/// <summary>
/// Skip rates and taste overlap on each backend, against values worked out by hand: every count, rate and overlap below
/// is typed in (as the fraction it is), never computed by the code under test. Instants carry Berlin's offset on that date.
/// </summary>
public abstract class SkipsAndCompareTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, Cet);
    private static readonly Period February = Periods.Parse("2026-02", Berlin, Now);
    private static readonly PlayContext Skipped = new(true, "clickrow", "fwdbtn", Shuffle: false, "android", Offline: false);
    private static readonly PlayContext Finished = new(false, "clickrow", "trackdone", Shuffle: false, "android", Offline: false);
    private static readonly PlayContext SkipUnknown = new(null, null, "endplay", null, null, null);
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
    public async Task Skip_rates_count_only_plays_that_say_whether_they_were_skipped()
    {
        var plays = new List<Play>();
        // Alpha: A1 10 known (2 skipped), A2 5 known (5 skipped): 7 of 15.
        plays.AddRange(Days("u1", "A1", "Alpha", 1, 2, Skipped));
        plays.AddRange(Days("u1", "A1", "Alpha", 3, 8, Finished));
        plays.AddRange(Days("u1", "A2", "Alpha", 11, 5, Skipped));
        // Beta: B1 12 known (3 skipped), B2 2 known (2 skipped): 5 of 14; 4 tracked plays of B1 say nothing.
        // The first skip is 23:30Z on 31 January, already February in Berlin.
        plays.Add(Play("u1", "B1", "Beta", new(2026, 2, 1, 0, 30, 0, Cet), Skipped));
        plays.AddRange(Days("u1", "B1", "Beta", 2, 2, Skipped));
        plays.AddRange(Days("u1", "B1", "Beta", 4, 9, Finished));
        plays.AddRange(Days("u1", "B2", "Beta", 14, 2, Skipped));
        plays.AddRange(Days("u1", "B1", "Beta", 16, 4, null, PlaySource.Tracked));
        // Gamma: 9 of 9 skipped, one play short of the by-artist threshold.
        plays.AddRange(Days("u1", "C1", "Gamma", 1, 9, Skipped));
        // Delta: three account-data plays and one export play without a skipped field: unknown.
        plays.AddRange(Days("u1", "D1", "Delta", 20, 3, null, PlaySource.AccountData));
        plays.Add(Play("u1", "D1", "Delta", new(2026, 2, 25, 12, 0, 0, Cet), SkipUnknown));
        // Outside: 23:30Z on 28 February is March in Berlin; January; another user.
        plays.Add(Play("u1", "B1", "Beta", new(2026, 3, 1, 0, 30, 0, Cet), Skipped));
        plays.Add(Play("u1", "B1", "Beta", new(2026, 1, 20, 12, 0, 0, Cet), Skipped));
        plays.AddRange(Days("u2", "A1", "Alpha", 1, 5, Skipped));
        await _store!.InsertAsync(plays, Ct);

        var report = await new SkipRateService(_store).GetSkipsAsync("u1", February, 10, Ct);

        Assert.Equal((46L, 38, 21), (report.Plays, report.PlaysWithSkipData, report.Skipped));
        Assert.Equal(21.0 / 38, report.Rate!.Value, 12);
        // Gamma (9 plays with skip data) is under the threshold of 10.
        Assert.Equal([("Alpha", 15, 7), ("Beta", 14, 5)], report.Artists.Select(a => (a.Name, a.Plays, a.Skipped)));
        Assert.Equal(7.0 / 15, report.Artists[0].Rate, 12);
        // Most skips first; B2 and A1 both have 2, B2's rate (2 of 2) beats A1's (2 of 10).
        Assert.Equal(
            [("C1", "Gamma", 9, 9), ("A2", "Alpha", 5, 5), ("B1", "Beta", 12, 3), ("B2", "Beta", 2, 2), ("A1", "Alpha", 10, 2)],
            report.Tracks.Select(t => (t.Name, t.ArtistName, t.Plays, t.Skipped)));

        var topTwo = await new SkipRateService(_store).GetSkipsAsync("u1", February, 2, Ct);
        Assert.Equal(["C1", "A2"], topTwo.Tracks.Select(t => t.Name));
        Assert.Equal(21, topTwo.Skipped);
    }

    [Fact]
    public async Task Without_export_plays_there_is_no_skip_rate()
    {
        await _store!.InsertAsync([.. Days("u1", "T", "Tracked", 1, 3, null, PlaySource.Tracked)], Ct);

        var report = await new SkipRateService(_store).GetSkipsAsync("u1", February, 10, Ct);

        Assert.Equal((3L, 0, 0), (report.Plays, report.PlaysWithSkipData, report.Skipped));
        Assert.Null(report.Rate);
        Assert.Empty(report.Artists);
        Assert.Empty(report.Tracks);
    }

    [Fact]
    public async Task Taste_overlap_is_the_weighted_jaccard_of_each_ones_share_of_plays()
    {
        var plays = new List<Play>();
        // u1 in February: X 5, Y 3, Z 1, V 1 (10 plays); X once more in March (23:30Z on 28 February).
        plays.AddRange(Days("u1", "x", "X", 1, 5));
        plays.AddRange(Days("u1", "y", "Y", 6, 3));
        plays.AddRange(Days("u1", "z", "Z", 9, 1));
        plays.AddRange(Days("u1", "v", "V", 10, 1));
        plays.Add(Play("u1", "x", "X", new(2026, 3, 1, 0, 30, 0, Cet), null));
        // u2 in February: X 2 (one at 23:30Z on 31 January), Y 1, W 2 (5 plays); V once, in 2025.
        plays.Add(Play("u2", "x", "X", new(2026, 2, 1, 0, 30, 0, Cet), null));
        plays.AddRange(Days("u2", "x", "X", 3, 1));
        plays.AddRange(Days("u2", "y", "Y", 4, 1));
        plays.AddRange(Days("u2", "w", "W", 5, 2));
        plays.Add(Play("u2", "v", "V", new(2025, 6, 1, 12, 0, 0, Cet), null));
        await _store!.InsertAsync(plays, Ct);

        var comparison = await new TasteOverlapService(_store).CompareAsync("u1", "u2", February, 10, Ct);

        // Shares u1: X .5 Y .3 Z .1 V .1; u2: X .4 Y .2 W .4. Σmin = .6, Σmax = 1.4: 3/7.
        Assert.Equal(3.0 / 7, comparison.Overlap, 12);
        Assert.Equal((10, 5, 2), (comparison.Plays, comparison.OtherPlays, comparison.SharedArtistCount));
        Assert.Equal([("X", 5, 2), ("Y", 3, 1)], comparison.Shared.Select(s => (s.Name, s.Plays, s.OtherPlays)));
        Assert.Equal((0.5, 0.4), (comparison.Shared[0].Share, comparison.Shared[0].OtherShare));
        // V is not "never played" by u2: it was played in 2025.
        Assert.Equal(["Z"], comparison.OnlyMine.Select(a => a.Name));
        Assert.Equal(["W"], comparison.OnlyTheirs.Select(a => a.Name));
    }

    [Fact]
    public async Task The_same_taste_at_a_different_volume_overlaps_fully_and_no_plays_overlap_nothing()
    {
        await _store!.InsertAsync(
            [
                .. Days("u1", "x", "X", 1, 4), .. Days("u1", "y", "Y", 5, 2),
                .. Days("u2", "x", "X", 1, 2), .. Days("u2", "y", "Y", 5, 1),
            ],
            Ct);

        var same = await new TasteOverlapService(_store).CompareAsync("u1", "u2", February, 10, Ct);
        var nobody = await new TasteOverlapService(_store).CompareAsync("u1", "u3", February, 10, Ct);

        Assert.Equal(1.0, same.Overlap, 12);
        Assert.Empty(same.OnlyMine);
        Assert.Equal(0.0, nobody.Overlap);
        Assert.Equal((6, 0, 0), (nobody.Plays, nobody.OtherPlays, nobody.SharedArtistCount));
        Assert.Empty(nobody.Shared);
        Assert.Equal(["X", "Y"], nobody.OnlyMine.Select(a => a.Name));
    }

    // One play a day at noon from the given February day on.
    private static IEnumerable<Play> Days(string user, string track, string artist, int firstDay, int count, PlayContext? context = null, PlaySource source = PlaySource.Import) =>
        Enumerable.Range(firstDay, count).Select(day => Play(user, track, artist, new(2026, 2, day, 12, 0, 0, Cet), context, source));

    private static Play Play(string user, string track, string artist, DateTimeOffset at, PlayContext? context, PlaySource source = PlaySource.Import) =>
        Plays.One(user, track, artist, "Album", at, source) with { Context = context };
}
