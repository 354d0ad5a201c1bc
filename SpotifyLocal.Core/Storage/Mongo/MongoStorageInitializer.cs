using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Creates the indexes each Mongo store declares next to its queries, migrates documents of older versions, then builds
/// the all-time rollups of users whose plays predate them. Runs at host start and before every command-line verb (<see cref="IStorageInitializer"/>).
/// Creating an index that already exists is a no-op; a changed definition under an existing name fails loudly.
/// </summary>
public sealed class MongoStorageInitializer : IHostedService, IStorageInitializer
{
    private readonly MongoCollections _collections;
    private readonly MongoConnectionSettings _settings;
    private readonly ILogger<MongoStorageInitializer> _logger;
    private readonly IMongoEngine _engine;

    public MongoStorageInitializer(MongoCollections collections, MongoConnectionSettings settings, ILogger<MongoStorageInitializer> logger)
        : this(collections, settings, logger, MongoServerEngine.Instance)
    {
    }

    internal MongoStorageInitializer(
        MongoCollections collections, MongoConnectionSettings settings, ILogger<MongoStorageInitializer> logger, IMongoEngine engine)
    {
        _collections = collections;
        _settings = settings;
        _logger = logger;
        _engine = engine;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await CreateAsync(_collections.Plays, MongoPlayStore.Indexes, cancellationToken);
        await CreateAsync(_collections.EpisodePlays, MongoEpisodePlayStore.Indexes, cancellationToken);
        await CreateAsync(_collections.PlayRollups, MongoPlayRollups.Indexes, cancellationToken);
        await CreateAsync(_collections.PlayDayRollups, MongoPlayRollups.DayIndexes, cancellationToken);
        await CreateAsync(_collections.PlayMonthRollups, MongoPlayRollups.MonthIndexes, cancellationToken);
        await CreateAsync(_collections.Users, MongoUserStore.Indexes, cancellationToken);
        await CreateAsync(_collections.ChatLinks, MongoChatLinkStore.Indexes, cancellationToken);
        await CreateAsync(_collections.ImportJobs, MongoImportJobStore.Indexes, cancellationToken);
        await CreateAsync(_collections.ServerSettings, MongoServerSettingsStore.SettingsIndexes, cancellationToken);
        await CreateAsync(_collections.VisibleMembers, MongoServerSettingsStore.MemberIndexes, cancellationToken);
        await CreateAsync(_collections.WeeklySubscriptions, MongoWeeklySubscriptionStore.Indexes, cancellationToken);
        await CreateAsync(_collections.SummaryLedger, MongoSummaryLedgerStore.Indexes, cancellationToken);
        await _engine.UpdateManyAsync(_collections.Plays, MongoPlayStore.LegacyAccountDataPlays, MongoPlayStore.AccountDataShape, cancellationToken);
        await _engine.UpdateManyAsync(_collections.Users, MongoUserStore.StoredEmails, MongoUserStore.RemoveEmail, cancellationToken);
        var built = await new MongoPlayRollups(_collections, _engine).BackfillAsync(cancellationToken);
        _logger.LogInformation("Storage: MongoDB {Location}, indexes ensured, rollups built for {Users} users", _settings.ToString(), built);
    }

    public Task StartAsync(CancellationToken cancellationToken) => InitializeAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private Task CreateAsync<T>(IMongoCollection<T> collection, IReadOnlyList<CreateIndexModel<T>> indexes, CancellationToken cancellationToken) =>
        _engine.CreateIndexesAsync(collection, indexes, cancellationToken);
}
