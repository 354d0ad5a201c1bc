using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
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
    private static readonly Lazy<MongoClient?> Client = new(() =>
        Environment.GetEnvironmentVariable(MongoStorageContractTests.UriVariable) is { Length: > 0 } uri ? new MongoClient(uri) : null);

    private MongoCollections? _collections;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override async Task<SummaryStoresUnderTest> CreateStoresAsync()
    {
        if (Client.Value is not { } client)
        {
            Assert.Skip($"Set {MongoStorageContractTests.UriVariable} to run the MongoDB contract tests");
            throw new UnreachableException();
        }

        var databaseName = $"spotifylocal_test_{Guid.NewGuid():N}";
        _collections = new MongoCollections(client, databaseName);
        var settings = MongoConnectionSettings.Create(new() { ConnectionString = Environment.GetEnvironmentVariable(MongoStorageContractTests.UriVariable), DatabaseName = databaseName });
        await new MongoStorageInitializer(_collections, settings, NullLogger<MongoStorageInitializer>.Instance).StartAsync(Ct);
        return new SummaryStoresUnderTest(
            new MongoServerSettingsStore(_collections),
            new MongoWeeklySubscriptionStore(_collections),
            new MongoSummaryLedgerStore(_collections),
            async () => await client.DropDatabaseAsync(databaseName, CancellationToken.None));
    }

    [Fact]
    public async Task The_ledger_has_its_unique_index()
    {
        using var cursor = await _collections!.SummaryLedger.Indexes.ListAsync(Ct);
        var indexes = await cursor.ToListAsync(Ct);

        var ledger = Assert.Single(indexes, i => i["name"].AsString == MongoSummaryLedgerStore.OnePerTargetAndWeek.Options.Name);
        Assert.True(ledger["unique"].AsBoolean);
    }
}
