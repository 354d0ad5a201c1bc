using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage.Mongo;
using Xunit;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>
/// The storage contract on MongoDB, when <c>SPOTIFYLOCAL_TEST_MONGODB_URI</c> names a test server: every
/// test gets a fresh database (<c>spotifylocal_test_&lt;guid&gt;</c>, indexes created by the real
/// initializer) that is dropped afterwards. Without the variable every test reports as skipped.
/// </summary>
public sealed class MongoStorageContractTests : StorageContractTests
{
    public const string UriVariable = "SPOTIFYLOCAL_TEST_MONGODB_URI";

    // One client for the whole run, as in the host.
    private static readonly Lazy<MongoClient?> Client = new(() =>
        Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } uri ? new MongoClient(uri) : null);

    protected override async Task<StorageUnderTest> CreateStorageAsync()
    {
        if (Client.Value is not { } client)
        {
            Assert.Skip($"Set {UriVariable} to run the MongoDB contract tests");
            throw new UnreachableException(); // Assert.Skip always throws; it just isn't annotated [DoesNotReturn].
        }

        var databaseName = $"spotifylocal_test_{Guid.NewGuid():N}";
        var collections = new MongoCollections(client, databaseName);
        var settings = MongoConnectionSettings.Create(new() { ConnectionString = Environment.GetEnvironmentVariable(UriVariable), DatabaseName = databaseName });
        await new MongoStorageInitializer(collections, settings, NullLogger<MongoStorageInitializer>.Instance)
            .StartAsync(TestContext.Current.CancellationToken);

        return new StorageUnderTest(
            new MongoPlayStore(collections),
            new MongoUserStore(collections),
            new MongoChatLinkStore(collections),
            new MongoImportJobStore(collections),
            async () => await client.DropDatabaseAsync(databaseName, CancellationToken.None));
    }
}
