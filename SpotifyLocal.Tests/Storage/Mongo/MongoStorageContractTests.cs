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
    private MongoTestDatabase? _database;

    private MongoTestDatabase Database => _database ?? throw new InvalidOperationException("Storage not created.");

    private MongoCollections Collections => Database.Collections;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected override async Task<StorageUnderTest> CreateStorageAsync()
    {
        _database = await MongoTestDatabase.CreateAsync(Ct);
        return new StorageUnderTest(
            new MongoPlayStore(Collections),
            new MongoUserStore(Collections),
            new MongoChatLinkStore(Collections),
            new MongoImportJobStore(Collections),
            _database.DisposeAsync,
            () => new MongoPlayStore(Collections));
    }

    [Fact]
    public async Task Starting_again_keeps_every_declared_index()
    {
        await Database.Initializer.StartAsync(Ct);

        var names = await IndexNamesAsync(Collections.Plays);

        Assert.Contains(MongoPlayStore.UniquePlay.Options.Name, names);
        Assert.Contains(MongoPlayStore.NewestFirst.Options.Name, names);
        Assert.Contains(MongoImportJobStore.OneActivePerUser.Options.Name, await IndexNamesAsync(Collections.ImportJobs));
        Assert.Contains(MongoChatLinkStore.ByIdentity.Options.Name, await IndexNamesAsync(Collections.ChatLinks));
        Assert.Contains(MongoPlayRollups.UniqueDayRow.Options.Name, await IndexNamesAsync(Collections.PlayDayRollups));
        Assert.Contains(MongoPlayRollups.UniqueDayRow.Options.Name, await IndexNamesAsync(Collections.PlayMonthRollups));
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

        var failure = await Assert.ThrowsAsync<PlayWriteException>(() =>
            Storage.Plays.InsertAsync([valid, valid with { TrackId = "spotify:track:bad", MsPlayed = -1 }, valid with { TrackId = "spotify:track:ok" }], Ct));

        // Exactly what the unordered insert stored: the new valid play; the first one was already there.
        Assert.IsType<MongoBulkWriteException<PlayDocument>>(failure.InnerException);
        Assert.Equal(new InsertResult(1, 1), failure.Stored);
        Assert.Equal(2, await Storage.Plays.CountAsync(PlayScope.AllTime("u1"), Ct));
    }

    private static async Task<List<string>> IndexNamesAsync<T>(IMongoCollection<T> collection)
    {
        using var cursor = await collection.Indexes.ListAsync(Ct);
        return [.. (await cursor.ToListAsync(Ct)).Select(i => i["name"].AsString)];
    }
}
