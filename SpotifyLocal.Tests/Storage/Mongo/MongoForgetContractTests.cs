using MongoDB.Bson;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage.Mongo;

namespace SpotifyLocal.Tests.Storage.Mongo;

/// <summary>/forget on MongoDB (skipped without a test server): every document of every collection is read back, every value flattened.</summary>
public sealed class MongoForgetContractTests : ForgetContractTests
{
    protected override IReadOnlyList<string> PersonTables =>
        [MongoCollections.UsersName, MongoCollections.PlaysName, MongoCollections.EpisodePlaysName, MongoCollections.ChatLinksName, MongoCollections.ImportJobsName,
         MongoCollections.WeeklySubscriptionsName, MongoCollections.VisibleMembersName, MongoCollections.SummaryLedgerName,
         MongoCollections.PlayRollupsName, MongoCollections.PlayDayRollupsName, MongoCollections.PlayMonthRollupsName, MongoCollections.PlayMovesName];

    protected override async Task<StoresUnderTest> CreateStoresAsync()
    {
        var database = await MongoTestDatabase.CreateAsync(TestContext.Current.CancellationToken);
        var collections = database.Collections;
        return new StoresUnderTest(
            new MongoPlayStore(collections),
            new MongoEpisodePlayStore(collections),
            new MongoUserStore(collections),
            new MongoChatLinkStore(collections),
            new MongoImportJobStore(collections),
            new MongoServerSettingsStore(collections),
            new MongoWeeklySubscriptionStore(collections),
            new MongoSummaryLedgerStore(collections),
            new MongoPlayMoveStore(collections),
            cancellationToken => ReadEveryValueAsync(collections.Database, cancellationToken),
            new HashSet<string>([
                MongoCollections.UsersName, MongoCollections.PlaysName, MongoCollections.EpisodePlaysName, MongoCollections.ChatLinksName, MongoCollections.ImportJobsName,
                MongoCollections.ServerSettingsName, MongoCollections.VisibleMembersName, MongoCollections.WeeklySubscriptionsName,
                MongoCollections.SummaryLedgerName, MongoCollections.PlayWriteLocksName, MongoCollections.PlayRollupsName, MongoCollections.PlayDayRollupsName,
                MongoCollections.PlayMonthRollupsName, MongoCollections.PlayRollupStatesName, MongoCollections.PlayMovesName, MongoCollections.SpotifyPauseName]),
            database.DisposeAsync);
    }

    private static async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> ReadEveryValueAsync(IMongoDatabase database, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        // Collections appear on first write; the indexes the initializer creates make every declared one exist.
        foreach (var name in await (await database.ListCollectionNamesAsync(cancellationToken: cancellationToken)).ToListAsync(cancellationToken))
        {
            var documents = await database.GetCollection<BsonDocument>(name).Find(FilterDefinition<BsonDocument>.Empty).ToListAsync(cancellationToken);
            values[name] = [.. documents.SelectMany(Flatten)];
        }

        return values;
    }

    private static IEnumerable<string> Flatten(BsonValue value) => value switch
    {
        BsonDocument document => document.Elements.SelectMany(e => Flatten(e.Value)),
        BsonArray array => array.SelectMany(Flatten),
        BsonNull => [],
        _ => [value.ToString()!],
    };
}
