using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Creates the indexes each Mongo store declares next to its queries, once at startup. Creating an
/// index that already exists is a no-op; a changed definition under an existing name fails loudly.
/// </summary>
public sealed class MongoStorageInitializer(
    MongoCollections collections,
    MongoConnectionSettings settings,
    ILogger<MongoStorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await CreateAsync(collections.Plays, MongoPlayStore.Indexes, cancellationToken);
        await CreateAsync(collections.Users, MongoUserStore.Indexes, cancellationToken);
        await CreateAsync(collections.ChatLinks, MongoChatLinkStore.Indexes, cancellationToken);
        await CreateAsync(collections.ImportJobs, MongoImportJobStore.Indexes, cancellationToken);
        await CreateAsync(collections.ServerSettings, MongoServerSettingsStore.SettingsIndexes, cancellationToken);
        await CreateAsync(collections.VisibleMembers, MongoServerSettingsStore.MemberIndexes, cancellationToken);
        await CreateAsync(collections.WeeklySubscriptions, MongoWeeklySubscriptionStore.Indexes, cancellationToken);
        await CreateAsync(collections.SummaryLedger, MongoSummaryLedgerStore.Indexes, cancellationToken);
        await MongoPlayStore.MigrateAccountDataPlaysAsync(collections.Plays, cancellationToken);
        await new MongoUserStore(collections).RemoveStoredEmailsAsync(cancellationToken);
        logger.LogInformation("Storage: MongoDB {Location}, indexes ensured", settings.ToString());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task CreateAsync<T>(IMongoCollection<T> collection, IReadOnlyList<CreateIndexModel<T>> indexes, CancellationToken cancellationToken)
    {
        if (indexes.Count > 0)
        {
            await collection.Indexes.CreateManyAsync(indexes, cancellationToken);
        }
    }
}
