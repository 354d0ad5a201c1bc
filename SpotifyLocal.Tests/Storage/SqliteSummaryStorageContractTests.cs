using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Tests.Storage;

/// <summary>The summary-store contract on the embedded SQLite backend (always runs).</summary>
public sealed class SqliteSummaryStorageContractTests : SummaryStorageContractTests
{
    protected override Task<SummaryStoresUnderTest> CreateStoresAsync()
    {
        var database = new SqliteTestDatabase();
        return Task.FromResult(new SummaryStoresUnderTest(
            new SqliteServerSettingsStore(database.Database),
            new SqliteWeeklySubscriptionStore(database.Database),
            new SqliteSummaryLedgerStore(database.Database),
            database.DisposeAsync));
    }
}
