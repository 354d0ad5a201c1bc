using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;
using SpotifyLocal.Tests.Builders;
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

    private MongoCollections? _collections;
    private MongoStorageInitializer? _initializer;

    private MongoCollections Collections => _collections ?? throw new InvalidOperationException("Storage not created.");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override async Task<StorageUnderTest> CreateStorageAsync()
    {
        if (Client.Value is not { } client)
        {
            Assert.Skip($"Set {UriVariable} to run the MongoDB contract tests");
            throw new UnreachableException(); // Assert.Skip always throws; it just isn't annotated [DoesNotReturn].
        }

        var databaseName = $"spotifylocal_test_{Guid.NewGuid():N}";
        _collections = new MongoCollections(client, databaseName);
        var settings = MongoConnectionSettings.Create(new() { ConnectionString = Environment.GetEnvironmentVariable(UriVariable), DatabaseName = databaseName });
        _initializer = new MongoStorageInitializer(_collections, settings, NullLogger<MongoStorageInitializer>.Instance);
        await _initializer.StartAsync(Ct);

        return new StorageUnderTest(
            new MongoPlayStore(_collections),
            new MongoUserStore(_collections),
            new MongoChatLinkStore(_collections),
            new MongoImportJobStore(_collections),
            async () => await client.DropDatabaseAsync(databaseName, CancellationToken.None));
    }

    [Fact]
    public async Task Starting_again_keeps_every_declared_index()
    {
        await _initializer!.StartAsync(Ct);

        var names = await IndexNamesAsync(Collections.Plays);

        Assert.Contains(MongoPlayStore.UniquePlay.Options.Name, names);
        Assert.Contains(MongoPlayStore.NewestFirst.Options.Name, names);
        Assert.Contains(MongoImportJobStore.OneActivePerUser.Options.Name, await IndexNamesAsync(Collections.ImportJobs));
        Assert.Contains(MongoChatLinkStore.ByIdentity.Options.Name, await IndexNamesAsync(Collections.ChatLinks));
    }

    [Fact]
    public async Task A_write_error_other_than_a_duplicate_fails_the_insert()
    {
        // A server-side validator rejects negative listening time: a write error that is not a duplicate key.
        await Collections.Database.RunCommandAsync<BsonDocument>(
            new BsonDocument { { "collMod", MongoCollections.PlaysName }, { "validator", new BsonDocument("msPlayed", new BsonDocument("$gte", 0)) } },
            cancellationToken: Ct);
        var valid = Plays.One("u1", "Fine", "Band", null, new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        await Storage.Plays.InsertAsync([valid], Ct);

        await Assert.ThrowsAsync<MongoBulkWriteException<PlayDocument>>(() =>
            Storage.Plays.InsertAsync([valid, valid with { TrackId = "spotify:track:bad", MsPlayed = -1 }], Ct));
    }

    private static async Task<List<string>> IndexNamesAsync<T>(IMongoCollection<T> collection)
    {
        using var cursor = await collection.Indexes.ListAsync(Ct);
        return [.. (await cursor.ToListAsync(Ct)).Select(i => i["name"].AsString)];
    }
}
