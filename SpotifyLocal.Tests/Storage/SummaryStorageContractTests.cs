using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Storage;

/// <summary>
/// The contract of the server-settings, subscription and summary-ledger stores, run against every backend (SQLite
/// always, MongoDB when a test server is configured).
/// </summary>
public abstract class SummaryStorageContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 23, 9, 0, 0, TimeSpan.Zero);
    private SummaryStoresUnderTest? _stores;

    protected SummaryStoresUnderTest Stores => _stores ?? throw new InvalidOperationException("Storage not created.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Creates a fresh, empty backend instance (or calls Assert.Skip when the backend is unavailable).</summary>
    protected abstract Task<SummaryStoresUnderTest> CreateStoresAsync();

    public async ValueTask InitializeAsync() => _stores = await CreateStoresAsync();

    public async ValueTask DisposeAsync()
    {
        if (_stores is not null)
        {
            await _stores.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Server_settings_round_trip_and_only_enabled_servers_with_a_channel_are_listed()
    {
        var on = new ServerSettings { ServerId = "g1", WeeklyChannelId = "c1", WeeklyEnabled = true, TimeZone = "Europe/Berlin" };
        var off = new ServerSettings { ServerId = "g2", WeeklyChannelId = "c2", WeeklyEnabled = false, WeeklyDisabledReason = "403 from Discord" };
        var noChannel = new ServerSettings { ServerId = "g3", WeeklyEnabled = true };
        await Stores.Servers.UpsertAsync(on, Ct);
        await Stores.Servers.UpsertAsync(off, Ct);
        await Stores.Servers.UpsertAsync(noChannel, Ct);

        Assert.Equal(off, await Stores.Servers.GetAsync("g2", Ct));
        Assert.Null(await Stores.Servers.GetAsync("nope", Ct));
        Assert.Equal([on], await Stores.Servers.ListWeeklyEnabledAsync(Ct));

        await Stores.Servers.UpsertAsync(on with { WeeklyEnabled = false }, Ct);
        Assert.Empty(await Stores.Servers.ListWeeklyEnabledAsync(Ct));
    }

    [Fact]
    public async Task Nobody_is_visible_until_they_opt_in_and_opting_in_is_per_server()
    {
        Assert.False(await Stores.Servers.IsVisibleAsync("g1", "m1", Ct));

        await Stores.Servers.SetVisibleAsync(new VisibleMember("g1", "m1", "Ann", T0), Ct);
        await Stores.Servers.SetVisibleAsync(new VisibleMember("g1", "m1", "Annie", T0.AddDays(1)), Ct);
        await Stores.Servers.SetVisibleAsync(new VisibleMember("g1", "m0", null, T0), Ct);

        Assert.True(await Stores.Servers.IsVisibleAsync("g1", "m1", Ct));
        Assert.False(await Stores.Servers.IsVisibleAsync("g2", "m1", Ct));
        Assert.Equal(
            [new VisibleMember("g1", "m0", null, T0), new VisibleMember("g1", "m1", "Annie", T0)],
            await Stores.Servers.ListVisibleAsync("g1", Ct));
    }

    [Fact]
    public async Task Opting_out_removes_the_member_in_one_server_and_forgetting_in_all()
    {
        await Stores.Servers.SetVisibleAsync(new VisibleMember("g1", "m1", "Ann", T0), Ct);
        await Stores.Servers.SetVisibleAsync(new VisibleMember("g2", "m1", "Ann", T0), Ct);
        await Stores.Servers.SetVisibleAsync(new VisibleMember("g3", "m1", "Ann", T0), Ct);
        await Stores.Servers.SetVisibleAsync(new VisibleMember("g1", "m2", "Bob", T0), Ct);

        Assert.True(await Stores.Servers.RemoveVisibleAsync("g1", "m1", Ct));
        Assert.False(await Stores.Servers.RemoveVisibleAsync("g1", "m1", Ct));
        Assert.Equal(2, await Stores.Servers.RemoveVisibleEverywhereAsync("m1", Ct));

        Assert.Empty(await Stores.Servers.ListVisibleAsync("g2", Ct));
        Assert.Equal(["m2"], (await Stores.Servers.ListVisibleAsync("g1", Ct)).Select(m => m.ChatUserId));
    }

    [Fact]
    public async Task Weekly_subscriptions_are_idempotent_per_identity()
    {
        var ann = new ChatIdentity(ChatIdentity.Telegram, "42");
        var bob = new ChatIdentity(ChatIdentity.Telegram, "7");

        await Stores.Subscriptions.SetAsync(ann, true, Ct);
        await Stores.Subscriptions.SetAsync(ann, true, Ct);
        await Stores.Subscriptions.SetAsync(bob, true, Ct);
        await Stores.Subscriptions.SetAsync(bob, false, Ct);
        await Stores.Subscriptions.SetAsync(bob, false, Ct);

        Assert.True(await Stores.Subscriptions.IsSubscribedAsync(ann, Ct));
        Assert.False(await Stores.Subscriptions.IsSubscribedAsync(bob, Ct));
        Assert.Equal([ann], await Stores.Subscriptions.ListAsync(Ct));
    }

    [Fact]
    public async Task A_ledger_entry_is_created_once_per_target_and_week()
    {
        var entry = new SummaryLedgerEntry("discord-server:g1", "2026-03-16", SummaryLedgerState.Decided, "n1", T0);

        Assert.True(await Stores.Ledger.TryCreateAsync(entry, Ct));
        Assert.False(await Stores.Ledger.TryCreateAsync(entry with { Nonce = "n2" }, Ct));
        Assert.True(await Stores.Ledger.TryCreateAsync(entry with { Week = "2026-03-23" }, Ct));
        Assert.True(await Stores.Ledger.TryCreateAsync(entry with { TargetKey = "telegram:42" }, Ct));

        Assert.Equal(entry, await Stores.Ledger.GetAsync("discord-server:g1", "2026-03-16", Ct));
    }

    [Fact]
    public async Task Completing_a_ledger_entry_records_the_outcome_and_deleting_a_target_removes_its_weeks()
    {
        var entry = new SummaryLedgerEntry("telegram:42", "2026-03-16", SummaryLedgerState.Decided, "n1", T0);
        await Stores.Ledger.TryCreateAsync(entry, Ct);
        await Stores.Ledger.TryCreateAsync(entry with { Week = "2026-03-23" }, Ct);
        await Stores.Ledger.TryCreateAsync(entry with { TargetKey = "telegram:7" }, Ct);

        await Stores.Ledger.CompleteAsync("telegram:42", "2026-03-16", SummaryLedgerState.Posted, T0.AddSeconds(2), "message 9", Ct);

        Assert.Equal(
            entry with { State = SummaryLedgerState.Posted, CompletedAt = T0.AddSeconds(2), Detail = "message 9" },
            await Stores.Ledger.GetAsync("telegram:42", "2026-03-16", Ct));
        Assert.Equal(2, await Stores.Ledger.DeleteTargetAsync("telegram:42", Ct));
        Assert.Null(await Stores.Ledger.GetAsync("telegram:42", "2026-03-23", Ct));
        Assert.NotNull(await Stores.Ledger.GetAsync("telegram:7", "2026-03-16", Ct));
    }
}
