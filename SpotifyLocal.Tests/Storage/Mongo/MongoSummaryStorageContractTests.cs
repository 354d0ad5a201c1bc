using MongoDB.Driver;
using SpotifyLocal.Core.Storage.Mongo;
using Xunit;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// The summary-store contract on MongoDB when <c>SPOTIFYLOCAL_TEST_MONGODB_URI</c> names a test server (a fresh
/// database per test, indexes created by the real initializer, dropped afterwards); skipped otherwise.
/// </summary>
public sealed class MongoSummaryStorageContractTests : SummaryStorageContractTests
{
    private MongoTestDatabase? _database;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override async Task<SummaryStoresUnderTest> CreateStoresAsync()
    {
        _database = await MongoTestDatabase.CreateAsync(Ct);
        return new SummaryStoresUnderTest(
            new MongoServerSettingsStore(_database.Collections),
            new MongoWeeklySubscriptionStore(_database.Collections),
            new MongoSummaryLedgerStore(_database.Collections),
            _database.DisposeAsync);
    }

    [Fact]
    public async Task The_ledger_has_its_unique_index()
    {
        using var cursor = await _database!.Collections.SummaryLedger.Indexes.ListAsync(Ct);
        var indexes = await cursor.ToListAsync(Ct);

        var ledger = Assert.Single(indexes, i => i["name"].AsString == MongoSummaryLedgerStore.OnePerTargetAndWeek.Options.Name);
        Assert.True(ledger["unique"].AsBoolean);
    }
}
