using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Storage;

/// <summary>
/// /forget on each backend: after it, no table or collection holds any id of the person (their Spotify user and
/// account id, each linked chat identity, its local id, its name in a server), while a bystander keeps everything.
/// The test reads every value of every table, and names the tables it expects, so a new one has to be thought through.
/// </summary>
public abstract class ForgetContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly ChatIdentity Telegram = new(ChatIdentity.Telegram, "7001001");
    private static readonly ChatIdentity Discord = new(ChatIdentity.Discord, "9001002");
    private static readonly ChatIdentity BystanderTelegram = new(ChatIdentity.Telegram, "7002002");
    private static readonly ChatIdentity BystanderDiscord = new(ChatIdentity.Discord, "9002003");
    private StoresUnderTest? _stores;
    private ServiceProvider? _services;
    private string? _keys;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private StoresUnderTest Stores => _stores ?? throw new InvalidOperationException("Storage not created.");

    /// <summary>Every store of one fresh backend, a reader of every stored value per table, and its tables' names.</summary>
    protected sealed record StoresUnderTest(
        IPlayStore Plays,
        IEpisodePlayStore Episodes,
        IUserStore Users,
        IChatLinkStore ChatLinks,
        IImportJobStore ImportJobs,
        IServerSettingsStore Servers,
        IWeeklySubscriptionStore Subscriptions,
        ISummaryLedgerStore Ledger,
        IPlayMoveStore Moves,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, IReadOnlyList<string>>>> ReadEveryValueAsync,
        IReadOnlySet<string> ExpectedTables,
        Func<ValueTask> DisposeAsync);

    protected abstract Task<StoresUnderTest> CreateStoresAsync();

    public async ValueTask InitializeAsync()
    {
        _stores = await CreateStoresAsync();
        _keys = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(T0));
        services.AddSingleton(Stores.Plays).AddSingleton(Stores.Episodes).AddSingleton(Stores.Users).AddSingleton(Stores.ChatLinks).AddSingleton(Stores.ImportJobs);
        services.AddSingleton(Stores.Servers).AddSingleton(Stores.Subscriptions).AddSingleton(Stores.Ledger).AddSingleton(Stores.Moves);
        services.AddAccounts(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Spotify:TokenKeyDirectory"] = _keys }).Build());
        _services = services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }

        if (_keys is not null && Directory.Exists(_keys))
        {
            Directory.Delete(_keys, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Forget_leaves_no_value_with_any_of_the_persons_ids_in_any_table_and_keeps_the_bystanders()
    {
        await StorePersonAsync("spotify-forgotten", "acct-forgotten", "Forgotten Person", Telegram, Discord);
        await StorePersonAsync("spotify-bystander", "acct-bystander", "Bystander Person", BystanderTelegram, BystanderDiscord);

        var deleted = await _services!.GetRequiredService<AccountLifecycleService>().ForgetAsync(Telegram, Ct);

        var tables = await Stores.ReadEveryValueAsync(Ct);
        Assert.Equal(Stores.ExpectedTables.Order(), tables.Keys.Order());
        Assert.Equal(5, deleted);
        string[] exact = ["spotify-forgotten", "acct-forgotten", "Forgotten Person", Telegram.ChatUserId, Discord.ChatUserId];
        string[] within = ["spotify-forgotten", Telegram.LocalUserId, Discord.LocalUserId];
        var left = tables
            .SelectMany(t => t.Value.Where(v => exact.Contains(v) || within.Any(id => v.Contains(id, StringComparison.Ordinal))).Select(v => $"{t.Key}: {v}"))
            .ToList();
        Assert.Empty(left);
        var bystander = tables.Where(t => t.Value.Any(v => v is "spotify-bystander" || v == BystanderDiscord.ChatUserId || v.Contains(BystanderTelegram.LocalUserId, StringComparison.Ordinal)))
            .Select(t => t.Key)
            .ToHashSet();
        Assert.Superset(new HashSet<string>(PersonTables), bystander);
    }

    /// <summary>The tables a person's data lands in (the bystander's must all still be there after the other one's /forget).</summary>
    protected abstract IReadOnlyList<string> PersonTables { get; }

    private async Task StorePersonAsync(string spotifyId, string accountId, string name, ChatIdentity telegram, ChatIdentity discord)
    {
        await Stores.Users.CreateAsync(new User { SpotifyId = spotifyId, JoinedAt = T0 }, Ct);
        await Stores.Users.StoreLinkAsync(spotifyId, new LinkGrant(accountId, name, "enc-access", "enc-refresh", T0.AddHours(1), T0), Ct);
        await Stores.Users.CreateAsync(new User { SpotifyId = telegram.LocalUserId, JoinedAt = T0 }, Ct);
        await Stores.ChatLinks.SetAsync(telegram, spotifyId, Ct);
        await Stores.ChatLinks.SetAsync(discord, spotifyId, Ct);
        await Stores.Plays.InsertAsync(Plays.For(spotifyId).Count(3).Build(), Ct);
        await Stores.Plays.InsertAsync(Plays.For(telegram.LocalUserId).Count(2).Build(), Ct);
        await Stores.Episodes.InsertAsync(
            [
                EpisodePlay.Create(spotifyId, T0, "spotify:episode:e1", "Episode of " + name, "Show of " + name, EpisodeKind.Podcast, 600_000, PlaySource.Import),
                EpisodePlay.Create(telegram.LocalUserId, T0, "spotify:episode:e2", "Episode", "Show", EpisodeKind.Audiobook, 600_000, PlaySource.Import),
            ],
            Ct);
        await Stores.ImportJobs.TryCreateAsync(new ImportJob { Id = Guid.NewGuid().ToString("N"), UserId = spotifyId, FileName = "export.zip", CreatedAt = T0 }, Ct);
        await Stores.Subscriptions.SetAsync(telegram, true, Ct);
        await Stores.Subscriptions.SetAsync(discord, true, Ct);
        await Stores.Servers.UpsertAsync(new ServerSettings { ServerId = "server-1", WeeklyChannelId = "channel-1", WeeklyEnabled = true }, Ct);
        await Stores.Servers.SetVisibleAsync(new VisibleMember("server-1", discord.ChatUserId, name, T0), Ct);
        await Stores.Servers.SetVisibleAsync(new VisibleMember("server-2", discord.ChatUserId, name, T0), Ct);
        await Stores.Ledger.TryCreateAsync(
            new SummaryLedgerEntry(SummaryTarget.KeyOf(SummaryTargetKind.User, telegram.Platform, telegram.ChatUserId), "2026-02-23", SummaryLedgerState.Posted, Guid.NewGuid().ToString("N"), T0),
            Ct);
        await Stores.Moves.AddAsync(new PlayMove(telegram.LocalUserId, spotifyId, T0), Ct);
    }
}
