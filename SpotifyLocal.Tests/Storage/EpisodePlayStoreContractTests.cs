using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Storage;

/// <summary>
/// The podcast and audiobook store on each backend (SQLite, and the Mongo store's commands on mingo): duplicates,
/// ranking by listening time inside a half-open range, totals, paging, moving between user ids and deleting. Every expected
/// number is typed in from the entries below, never computed by the store.
/// </summary>
public abstract class EpisodePlayStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private IEpisodePlayStore? _store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IEpisodePlayStore Store => _store ?? throw new InvalidOperationException("Store not created.");

    /// <summary>An empty episode store of the backend under test.</summary>
    protected abstract Task<IEpisodePlayStore> CreateStoreAsync();

    public async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_same_entry_twice_is_stored_once_and_another_episode_at_the_same_time_is_not_a_duplicate()
    {
        var a = Episode("u1", "Show A", "A1", T0, minutes: 10);
        var b = Episode("u1", "Show A", "A2", T0, minutes: 10);

        var first = await Store.InsertAsync([a, a, b], Ct);
        var again = await Store.InsertAsync([a, b, Episode("u2", "Show A", "A1", T0, minutes: 10)], Ct);

        Assert.Equal(new InsertResult(2, 1), first);
        Assert.Equal(new InsertResult(1, 2), again);
        Assert.Equal(new EpisodeTotals(2, 1_200_000, 1, 2), await Store.GetTotalsAsync(PlayScope.AllTime("u1"), Ct));
    }

    [Fact]
    public async Task Shows_and_episodes_rank_by_listening_time_inside_the_half_open_range()
    {
        await Store.InsertAsync(
            [
                // Show A: 3 entries, 10 + 10 + 5 = 25 minutes; A1 twice (20 min), A2 once (5 min).
                Episode("u1", "Show A", "A1", T0, minutes: 10),
                Episode("u1", "Show A", "A1", T0.AddHours(1), minutes: 10),
                Episode("u1", "Show A", "A2", T0.AddHours(2), minutes: 5),
                // Book B: one 40-minute chapter, the most time of any show.
                Episode("u1", "Book B", "Chapter 1", T0.AddHours(3), minutes: 40, kind: EpisodeKind.Audiobook),
                // Show C: 25 minutes like Show A but in one entry, so it ranks after A (fewer entries).
                Episode("u1", "Show C", "C1", T0.AddHours(4), minutes: 25),
                // Outside the range: at its end (excluded), before its start, and another user's.
                Episode("u1", "Show A", "A3", T0.AddDays(1), minutes: 500),
                Episode("u1", "Show D", "D1", T0.AddMilliseconds(-1), minutes: 500),
                Episode("u2", "Show E", "E1", T0.AddHours(1), minutes: 500),
            ],
            Ct);
        var day = PlayScope.ForUser("u1", T0, T0.AddDays(1));

        var shows = await Store.GetTopShowsAsync(day, 10, Ct);
        var episodes = await Store.GetTopEpisodesAsync(day, 3, Ct);

        Assert.Equal(
            [
                new TopItem("Book B", "Book B", null, 1, 2_400_000, T0.AddHours(3), T0.AddHours(3)),
                new TopItem("Show A", "Show A", null, 3, 1_500_000, T0, T0.AddHours(2)),
                new TopItem("Show C", "Show C", null, 1, 1_500_000, T0.AddHours(4), T0.AddHours(4)),
            ],
            shows);
        Assert.Equal(
            [
                new TopItem("spotify:episode:Chapter1", "Chapter 1", "Book B", 1, 2_400_000, T0.AddHours(3), T0.AddHours(3)),
                new TopItem("spotify:episode:C1", "C1", "Show C", 1, 1_500_000, T0.AddHours(4), T0.AddHours(4)),
                new TopItem("spotify:episode:A1", "A1", "Show A", 2, 1_200_000, T0, T0.AddHours(1)),
            ],
            episodes);
        Assert.Equal(new EpisodeTotals(5, 5_400_000, 3, 4), await Store.GetTotalsAsync(day, Ct));
        Assert.Equal(EpisodeTotals.Empty, await Store.GetTotalsAsync(PlayScope.AllTime("nobody"), Ct));
        Assert.Empty(await Store.GetTopShowsAsync(PlayScope.AllTime("nobody"), 10, Ct));
    }

    [Fact]
    public async Task Reassigning_moves_every_entry_and_drops_those_the_target_already_has()
    {
        var shared = Episode("local", "Show A", "A1", T0, minutes: 10);
        await Store.InsertAsync([shared, Episode("local", "Show A", "A2", T0.AddHours(1), minutes: 5)], Ct);
        await Store.InsertAsync([shared with { UserId = "spotify" }], Ct);

        var moved = await Store.ReassignAsync("local", "spotify", Ct);

        Assert.Equal(new InsertResult(1, 1), moved);
        Assert.Equal(EpisodeTotals.Empty, await Store.GetTotalsAsync(PlayScope.AllTime("local"), Ct));
        Assert.Equal(new EpisodeTotals(2, 900_000, 1, 2), await Store.GetTotalsAsync(PlayScope.AllTime("spotify"), Ct));
    }

    [Fact]
    public async Task Deleting_a_user_deletes_only_their_entries()
    {
        await Store.InsertAsync(
            [Episode("u1", "Show A", "A1", T0, minutes: 10), Episode("u1", "Show A", "A2", T0, minutes: 10), Episode("u2", "Show A", "A1", T0, minutes: 10)],
            Ct);

        Assert.Equal(2, await Store.DeleteUserAsync("u1", Ct));
        Assert.Equal(EpisodeTotals.Empty, await Store.GetTotalsAsync(PlayScope.AllTime("u1"), Ct));
        Assert.Equal(new EpisodeTotals(1, 600_000, 1, 1), await Store.GetTotalsAsync(PlayScope.AllTime("u2"), Ct));
    }

    [Fact]
    public async Task Paging_reads_every_entry_of_the_user_once_oldest_first_and_never_another_users()
    {
        // Two episodes at the same instant (ordered by id), one entry at the very end of a page, and another user's between.
        var a2 = Episode("u1", "Show A", "A2", T0, minutes: 10);
        var a1 = Episode("u1", "Show A", "A1", T0, minutes: 10);
        var b1 = Episode("u1", "Book B", "Chapter 1", T0.AddMinutes(30), minutes: 40, kind: EpisodeKind.Audiobook);
        var c1 = Episode("u1", "Show C", "C1", T0.AddHours(1), minutes: 5) with { Source = PlaySource.AccountData };
        var a1Again = Episode("u1", "Show A", "A1", T0.AddDays(1), minutes: 1);
        await Store.InsertAsync([c1, a2, Episode("u2", "Show E", "E1", T0.AddMinutes(1), minutes: 500), a1Again, b1, a1], Ct);

        var first = await Store.GetPageAsync("u1", null, 2, Ct);
        var second = await Store.GetPageAsync("u1", EpisodeCursor.After(first[^1]), 2, Ct);
        var third = await Store.GetPageAsync("u1", EpisodeCursor.After(second[^1]), 2, Ct);
        var past = await Store.GetPageAsync("u1", EpisodeCursor.After(third[^1]), 2, Ct);

        Assert.Equal([a1, a2], first);
        Assert.Equal([b1, c1], second);
        Assert.Equal([a1Again], third);
        Assert.Empty(past);
        Assert.Empty(await Store.GetPageAsync("nobody", null, 10, Ct));
        Assert.Equal([b1, c1, a1Again], await Store.GetPageAsync("u1", new EpisodeCursor(T0, "spotify:episode:A2"), 10, Ct));
    }

    private static EpisodePlay Episode(string userId, string show, string name, DateTimeOffset at, int minutes, EpisodeKind kind = EpisodeKind.Podcast) =>
        EpisodePlay.Create(userId, at, "spotify:episode:" + name.Replace(" ", string.Empty, StringComparison.Ordinal), name, show, kind, minutes * 60_000, PlaySource.Import);
}
