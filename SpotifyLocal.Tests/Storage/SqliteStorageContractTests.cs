namespace SpotifyLocal.Tests.Storage;

/// <summary>The storage contract on the embedded SQLite backend (always runs).</summary>
public sealed class SqliteStorageContractTests : StorageContractTests
{
    protected override Task<StorageUnderTest> CreateStorageAsync() =>
        Task.FromResult(new SqliteTestDatabase().AsStorageUnderTest());
}
