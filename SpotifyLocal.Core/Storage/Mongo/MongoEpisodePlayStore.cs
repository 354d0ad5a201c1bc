using MongoDB.Bson;
using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// <see cref="IEpisodePlayStore"/> on the <c>episode_plays</c> collection. Like <see cref="MongoPlayStore"/>, every read
/// is a pipeline that starts with <c>$match</c> on <c>userId</c> and the <c>playedAt</c> range (the unique index serves
/// it), and every command goes through an <see cref="IMongoEngine"/> so tests run them on an in-process engine.
/// </summary>
public sealed class MongoEpisodePlayStore : IEpisodePlayStore
{
    private static readonly FilterDefinitionBuilder<EpisodePlayDocument> Filter = Builders<EpisodePlayDocument>.Filter;
    private static readonly IndexKeysDefinitionBuilder<EpisodePlayDocument> Keys = Builders<EpisodePlayDocument>.IndexKeys;

    private readonly IMongoCollection<EpisodePlayDocument> _episodes;
    private readonly IMongoEngine _engine;

    static MongoEpisodePlayStore() => MongoConventions.EnsureRegistered();

    public MongoEpisodePlayStore(MongoCollections collections)
        : this(collections, MongoServerEngine.Instance)
    {
    }

    internal MongoEpisodePlayStore(MongoCollections collections, IMongoEngine engine)
    {
        _episodes = collections.EpisodePlays;
        _engine = engine;
    }

    /// <summary>The index this store's writes and queries rely on, created by <see cref="MongoStorageInitializer"/>.</summary>
    internal static IReadOnlyList<CreateIndexModel<EpisodePlayDocument>> Indexes => [UniqueEpisode];

    // The entry's identity: InsertMany relies on it to reject entries already stored; it also serves the scoped reads.
    internal static readonly CreateIndexModel<EpisodePlayDocument> UniqueEpisode = new(
        Keys.Ascending(e => e.UserId).Ascending(e => e.PlayedAt).Ascending(e => e.EpisodeId),
        new CreateIndexOptions { Name = "userId_1_playedAt_1_episodeId_1", Unique = true });

    public async Task<InsertResult> InsertAsync(IReadOnlyList<EpisodePlay> episodes, CancellationToken cancellationToken)
    {
        var seen = new HashSet<(string UserId, DateTime PlayedAt, string EpisodeId)>();
        var batch = new List<EpisodePlayDocument>(episodes.Count);
        foreach (var episode in episodes)
        {
            var document = EpisodePlayDocument.From(episode);
            if (seen.Add((document.UserId, document.PlayedAt, document.EpisodeId)))
            {
                document.Id = ObjectId.GenerateNewId();
                batch.Add(document);
            }
        }

        var result = await InsertBatchAsync(batch, cancellationToken);
        return result.Add(new InsertResult(0, episodes.Count - batch.Count));
    }

    public async Task<IReadOnlyList<TopItem>> GetTopShowsAsync(PlayScope scope, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var rows = await _engine.AggregateAsync(_episodes, TopShowsPipeline(scope, limit), cancellationToken);
        return [.. rows.Select(r => r.ToTopItem())];
    }

    public async Task<IReadOnlyList<TopItem>> GetTopEpisodesAsync(PlayScope scope, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var rows = await _engine.AggregateAsync(_episodes, TopEpisodesPipeline(scope, limit), cancellationToken);
        return [.. rows.Select(r => r.ToTopItem())];
    }

    public async Task<EpisodeTotals> GetTotalsAsync(PlayScope scope, CancellationToken cancellationToken)
    {
        var rows = await _engine.AggregateAsync(_episodes, TotalsPipeline(scope), cancellationToken);
        return rows.SingleOrDefault() is { } row ? new EpisodeTotals(row.Entries, row.MsPlayed, row.Shows, row.Episodes) : EpisodeTotals.Empty;
    }

    public async Task<IReadOnlyList<EpisodePlay>> GetPageAsync(string userId, EpisodeCursor? after, int limit, CancellationToken cancellationToken)
    {
        var page = await _engine.AggregateAsync(_episodes, ExportPagePipeline(userId, after, limit), cancellationToken);
        return [.. page.Select(e => e.ToEpisodePlay())];
    }

    /// <summary>
    /// Copy then delete, a page at a time from the oldest: the unique index drops what the target already has, and only
    /// the copied entries of the source are deleted. Interrupted, the next run counts the copies as duplicates.
    /// </summary>
    public async Task<InsertResult> ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken)
    {
        if (fromUserId == toUserId)
        {
            return InsertResult.Empty;
        }

        var result = InsertResult.Empty;
        while (true)
        {
            var page = await _engine.AggregateAsync(_episodes, PagePipeline(fromUserId), cancellationToken);
            if (page.Count == 0)
            {
                return result;
            }

            result = result.Add(await InsertBatchAsync([.. page.Select(e => e.ForUser(toUserId))], cancellationToken));
            await _engine.DeleteManyAsync(_episodes, Filter.Eq(e => e.UserId, fromUserId) & Filter.In(e => e.Id, page.Select(e => e.Id)), cancellationToken);
        }
    }

    public Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken) =>
        _engine.DeleteManyAsync(_episodes, Filter.Eq(e => e.UserId, userId), cancellationToken);

    // ---- Pipelines ----------------------------------------------------------------------------

    internal static FilterDefinition<EpisodePlayDocument> ScopeFilter(PlayScope scope) =>
        (scope.UserIds.Count == 1 ? Filter.Eq(e => e.UserId, scope.UserIds[0]) : Filter.In(e => e.UserId, scope.UserIds))
        & Filter.Gte(e => e.PlayedAt, MongoTime.ToBson(scope.From))
        & Filter.Lt(e => e.PlayedAt, MongoTime.ToBson(scope.To));

    internal static PipelineDefinition<EpisodePlayDocument, TopRow> TopShowsPipeline(PlayScope scope, int limit) =>
        new EmptyPipelineDefinition<EpisodePlayDocument>()
            .Match(ScopeFilter(scope))
            .Group(
                e => e.ShowName,
                g => new TopRow
                {
                    Key = g.Key,
                    Name = g.Key,
                    Plays = g.Count(),
                    MsPlayed = g.Sum(e => (long)e.MsPlayed),
                    FirstPlayedAt = g.Min(e => e.PlayedAt),
                    LastPlayedAt = g.Max(e => e.PlayedAt),
                })
            .Sort(Ranking)
            .Limit(limit);

    internal static PipelineDefinition<EpisodePlayDocument, TopRow> TopEpisodesPipeline(PlayScope scope, int limit) =>
        new EmptyPipelineDefinition<EpisodePlayDocument>()
            .Match(ScopeFilter(scope))
            .Group(
                e => e.EpisodeId,
                g => new TopRow
                {
                    Key = g.Key,
                    Name = g.Min(e => e.EpisodeName)!,
                    ArtistName = g.Min(e => e.ShowName),
                    Plays = g.Count(),
                    MsPlayed = g.Sum(e => (long)e.MsPlayed),
                    FirstPlayedAt = g.Min(e => e.PlayedAt),
                    LastPlayedAt = g.Max(e => e.PlayedAt),
                })
            .Sort(Ranking)
            .Limit(limit);

    internal static PipelineDefinition<EpisodePlayDocument, EpisodeTotalsRow> TotalsPipeline(PlayScope scope) =>
        new EmptyPipelineDefinition<EpisodePlayDocument>()
            .Match(ScopeFilter(scope))
            .Group(
                e => 1,
                g => new EpisodeTotalsRow
                {
                    Entries = g.Count(),
                    MsPlayed = g.Sum(e => (long)e.MsPlayed),
                    Shows = g.Select(e => e.ShowName).Distinct().Count(),
                    Episodes = g.Select(e => e.EpisodeId).Distinct().Count(),
                });

    internal static PipelineDefinition<EpisodePlayDocument, EpisodePlayDocument> PagePipeline(string userId) =>
        new EmptyPipelineDefinition<EpisodePlayDocument>()
            .Match(Filter.Eq(e => e.UserId, userId))
            .Sort(Builders<EpisodePlayDocument>.Sort.Ascending(e => e.PlayedAt).Ascending(e => e.EpisodeId))
            .Limit(MongoPlayStore.BatchSize);

    internal static PipelineDefinition<EpisodePlayDocument, EpisodePlayDocument> ExportPagePipeline(string userId, EpisodeCursor? after, int limit)
    {
        var filter = Filter.Eq(e => e.UserId, userId);
        if (after is not null)
        {
            // Keyset on the unique index (userId, playedAt, episodeId): later instants, or the same instant and a later id.
            var at = MongoTime.ToBson(after.PlayedAt);
            filter &= Filter.Gt(e => e.PlayedAt, at) | (Filter.Eq(e => e.PlayedAt, at) & Filter.Gt(e => e.EpisodeId, after.EpisodeId));
        }

        return new EmptyPipelineDefinition<EpisodePlayDocument>()
            .Match(filter)
            .Sort(Builders<EpisodePlayDocument>.Sort.Ascending(e => e.PlayedAt).Ascending(e => e.EpisodeId))
            .Limit(limit);
    }

    private static SortDefinition<TopRow> Ranking { get; } =
        Builders<TopRow>.Sort.Descending(r => r.MsPlayed).Descending(r => r.Plays).Ascending(r => r.Key);

    /// <summary>One unordered InsertMany; counts come from the bulk result, or from reading the batch's ids back when it is unknown.</summary>
    private async Task<InsertResult> InsertBatchAsync(IReadOnlyList<EpisodePlayDocument> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return InsertResult.Empty;
        }

        InsertManyOutcome outcome;
        try
        {
            outcome = await _engine.InsertManyAsync(_episodes, batch, cancellationToken);
        }
        catch (Exception ex)
        {
            outcome = await ReadBackAsync(batch, ex);
        }

        var result = new InsertResult(batch.Where((_, i) => outcome.Stored(i)).Count(), outcome.Duplicates.Count);
        return outcome.Failure is { } failure ? throw new PlayWriteException(result, failure) : result;
    }

    private async Task<InsertManyOutcome> ReadBackAsync(IReadOnlyList<EpisodePlayDocument> batch, Exception failure)
    {
        List<EpisodePlayDocument> found;
        try
        {
            var users = batch.Select(e => e.UserId).Distinct(StringComparer.Ordinal).ToList();
            found = await _engine.AggregateAsync(
                _episodes,
                new EmptyPipelineDefinition<EpisodePlayDocument>().Match(Filter.In(e => e.UserId, users) & Filter.In(e => e.Id, batch.Select(e => e.Id))),
                CancellationToken.None);
        }
        catch (Exception)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
            throw;
        }

        var ids = found.Select(e => e.Id).ToHashSet();
        return new InsertManyOutcome(new HashSet<int>(), Enumerable.Range(0, batch.Count).Where(i => !ids.Contains(batch[i].Id)).ToHashSet(), failure);
    }
}
