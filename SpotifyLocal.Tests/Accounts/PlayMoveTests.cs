using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Accounts;

/// <summary>The plays a chat identity stored before linking move to the Spotify user page by page, resumably, through the writer's dedupe.</summary>
public sealed class PlayMoveTests : IAsyncDisposable
{
    private const string Local = "telegram:1001";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _database = new();
    private readonly SqlitePlayMoveStore _moves;

    public PlayMoveTests() => _moves = new SqlitePlayMoveStore(_database.Database);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task A_play_the_account_already_tracked_is_not_doubled_by_the_move()
    {
        // Tracking stamped the play at T0; the export imported under the local id says 10 s later (the sources differ by seconds).
        await _database.Plays.InsertAsync([Plays.One("alice", "Jóga", "Björk", "Homogenic", T0, PlaySource.Tracked)], Ct);
        await _database.Plays.InsertAsync(
            [Plays.One(Local, "Jóga", "Björk", "Homogenic", T0.AddSeconds(10)), Plays.One(Local, "Bachelorette", "Björk", "Homogenic", T0.AddMinutes(10))],
            Ct);
        await _database.Users.CreateAsync(new User { SpotifyId = Local, JoinedAt = T0 }, Ct);
        await _moves.AddAsync(new PlayMove(Local, "alice", T0), Ct);

        await Service(_database.Plays).RunPendingAsync(Ct);

        Assert.Equal(2, await _database.Plays.CountAsync(PlayScope.AllTime("alice"), Ct));
        Assert.Equal(0, await _database.Plays.CountAsync(PlayScope.AllTime(Local), Ct));
        Assert.Null(await _database.Users.GetAsync(Local, Ct));
        Assert.Empty(await _moves.ListAsync(Ct));
        var top = await _database.Plays.GetTopAsync(PlayScope.AllTime("alice"), TopKind.Tracks, 10, Ct);
        Assert.Equal([1, 1], top.Select(t => t.Plays));
    }

    [Fact]
    public async Task A_move_cut_short_after_a_page_was_written_completes_on_the_next_run_without_losing_or_doubling()
    {
        await _database.Plays.InsertAsync(Plays.For(Local).Starting(T0).Every(TimeSpan.FromMinutes(4)).Count(2_500).Build(), Ct);
        await _moves.AddAsync(new PlayMove(Local, "alice", T0), Ct);
        var crashing = FailingOnce<IPlayStore>.Wrap(_database.Plays, nameof(IPlayStore.DeletePlaysAsync));

        await Service(crashing).RunPendingAsync(Ct);
        var afterCrash = await _database.Plays.CountAsync(PlayScope.AllTime("alice"), Ct);
        var recorded = await _moves.ListAsync(Ct);
        await Service(_database.Plays).RunPendingAsync(Ct);

        // The first page was its own short write: stored under alice, still under the local id too.
        Assert.Equal(PlayMoveService.PageSize, afterCrash);
        Assert.Single(recorded);
        Assert.Equal(2_500, await _database.Plays.CountAsync(PlayScope.AllTime("alice"), Ct));
        Assert.Equal(0, await _database.Plays.CountAsync(PlayScope.AllTime(Local), Ct));
        Assert.Empty(await _database.Plays.GetTopAsync(PlayScope.AllTime(Local), TopKind.Tracks, 10, Ct));
        Assert.Equal(2_500, (await _database.Plays.GetTopAsync(PlayScope.AllTime("alice"), TopKind.Artists, 100, Ct)).Sum(t => t.Plays));
        Assert.Empty(await _moves.ListAsync(Ct));
    }

    [Fact]
    public async Task Podcast_entries_move_with_the_plays_and_one_the_account_already_has_is_not_doubled()
    {
        var episodes = new SqliteEpisodePlayStore(_database.Database);
        var shared = EpisodePlay.Create(Local, T0, "spotify:episode:e1", "E1", "Show", EpisodeKind.Podcast, 600_000, PlaySource.Import);
        await episodes.InsertAsync([shared, shared with { PlayedAt = T0.AddHours(1), MsPlayed = 300_000 }], Ct);
        await episodes.InsertAsync([shared with { UserId = "alice" }], Ct);
        await _moves.AddAsync(new PlayMove(Local, "alice", T0), Ct);

        await Service(_database.Plays, episodes).RunPendingAsync(Ct);

        Assert.Equal(EpisodeTotals.Empty, await episodes.GetTotalsAsync(PlayScope.AllTime(Local), Ct));
        Assert.Equal(new EpisodeTotals(2, 900_000, 1, 1), await episodes.GetTotalsAsync(PlayScope.AllTime("alice"), Ct));
        Assert.Empty(await _moves.ListAsync(Ct));
    }

    private PlayMoveService Service(IPlayStore plays, IEpisodePlayStore? episodes = null) =>
        new(_moves, plays, episodes ?? new SqliteEpisodePlayStore(_database.Database), _database.ImportJobs, _database.Users, new PlayBatchWriter(plays), new AccountWriters(), NullLogger<PlayMoveService>.Instance);

    /// <summary>Forwards every call, except that the first call of one method fails as a crash there would.</summary>
    public class FailingOnce<T> : DispatchProxy
        where T : class
    {
        private T _inner = null!;
        private string _method = "";
        private int _failed;

        public static T Wrap(T inner, string method)
        {
            var proxy = Create<T, FailingOnce<T>>();
            var failing = (FailingOnce<T>)(object)proxy;
            failing._inner = inner;
            failing._method = method;
            return proxy;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod!.Name == _method && Interlocked.Exchange(ref _failed, 1) == 0)
            {
                throw new IOException("disk gone (injected)");
            }

            try
            {
                return targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException ex)
            {
                throw ex.InnerException!;
            }
        }
    }
}
