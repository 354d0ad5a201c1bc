using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Insights;

/// <summary>
/// /podcasts on each backend: a period's shows and episodes by listening time, its edges in the user's zone. Every
/// instant is written with the offset the zone has on that date; every expected number is typed in.
/// </summary>
public abstract class PodcastsServiceTests : IAsyncLifetime
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
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
    public async Task A_month_in_the_users_zone_holds_its_local_first_and_last_evening_and_ranks_by_time()
    {
        await InsertAsync(
                // 23:30Z on 31 December is already 00:30 on 1 January in Berlin: inside January.
                Entry("Show A", "A1", new(2026, 1, 1, 0, 30, 0, Cet), minutes: 30),
                // 23:30 on 31 January in Berlin (22:30Z): still January.
                Entry("Show A", "A2", new(2026, 1, 31, 23, 30, 0, Cet), minutes: 20),
                Entry("Book B", "Chapter 1", new(2026, 1, 15, 20, 0, 0, Cet), minutes: 45, EpisodeKind.Audiobook),
                // 00:10 on 1 February in Berlin (23:10Z on 31 January UTC): February, left out.
                Entry("Show C", "C1", new(2026, 2, 1, 0, 10, 0, Cet), minutes: 90),
                // 23:50 on 31 December in Berlin: December, left out.
                Entry("Show C", "C0", new(2025, 12, 31, 23, 50, 0, Cet), minutes: 90));
        var january = new Period("January 2026", new(2026, 1, 1, 0, 0, 0, Cet), new(2026, 2, 1, 0, 0, 0, Cet), Berlin);

        var listening = await new PodcastsService(Store).GetAsync("u1", january, limit: 10, Ct);

        Assert.Equal(new EpisodeTotals(3, 5_700_000, 2, 3), listening.Totals);
        Assert.Equal([("Show A", 2, 3_000_000L), ("Book B", 1, 2_700_000L)], listening.Shows.Select(s => (s.Name, s.Plays, s.MsPlayed)));
        Assert.Equal(["Chapter 1", "A1", "A2"], listening.Episodes.Select(e => e.Name));
        Assert.Equal(["Book B", "Show A", "Show A"], listening.Episodes.Select(e => e.ArtistName));
        Assert.Same(january, listening.Period);
    }

    [Fact]
    public async Task A_period_without_podcasts_is_empty()
    {
        await InsertAsync(Entry("Show A", "A1", new(2026, 3, 1, 12, 0, 0, Cet), minutes: 30));
        var january = new Period("January 2026", new(2026, 1, 1, 0, 0, 0, Cet), new(2026, 2, 1, 0, 0, 0, Cet), Berlin);

        var listening = await new PodcastsService(Store).GetAsync("u1", january, limit: 10, Ct);

        Assert.Equal(EpisodeTotals.Empty, listening.Totals);
        Assert.Empty(listening.Shows);
        Assert.Empty(listening.Episodes);
    }

    private Task InsertAsync(params EpisodePlay[] entries) => Store.InsertAsync(entries, Ct);

    private static EpisodePlay Entry(string show, string name, DateTimeOffset at, int minutes, EpisodeKind kind = EpisodeKind.Podcast) =>
        EpisodePlay.Create("u1", at, "spotify:episode:" + name.Replace(" ", string.Empty, StringComparison.Ordinal), name, show, kind, minutes * 60_000, PlaySource.Import);
}
