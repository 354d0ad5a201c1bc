using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// <see cref="IImportJobStore"/> on the <c>import_jobs</c> collection. A unique partial index on
/// active jobs makes "one active import per user" atomic.
/// </summary>
public sealed class MongoImportJobStore : IImportJobStore
{
    private static readonly FilterDefinitionBuilder<ImportJobDocument> Filter = Builders<ImportJobDocument>.Filter;
    private static readonly IndexKeysDefinitionBuilder<ImportJobDocument> Keys = Builders<ImportJobDocument>.IndexKeys;

    private readonly IMongoCollection<ImportJobDocument> _jobs;

    public MongoImportJobStore(MongoCollections collections) => _jobs = collections.ImportJobs;

    internal static IReadOnlyList<CreateIndexModel<ImportJobDocument>> Indexes => [OneActivePerUser, ByUserNewestFirst];

    // At most one pending/processing job per user: TryCreate's insert fails with a duplicate key instead.
    // The filter is an equality on a bool so it works on servers without $in in partial filters.
    internal static readonly CreateIndexModel<ImportJobDocument> OneActivePerUser = new(
        Keys.Ascending(j => j.UserId).Ascending(j => j.Active),
        new CreateIndexOptions<ImportJobDocument>
        {
            Name = "userId_1_active_1_unique_active",
            Unique = true,
            PartialFilterExpression = Filter.Eq(j => j.Active, true),
        });

    public async Task<bool> TryCreateAsync(ImportJob job, CancellationToken cancellationToken)
    {
        try
        {
            await _jobs.InsertOneAsync(ImportJobDocument.From(job), options: null, cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task UpdateAsync(ImportJob job, CancellationToken cancellationToken)
    {
        var result = await _jobs.ReplaceOneAsync(Filter.Eq(j => j.Id, job.Id), ImportJobDocument.From(job), new ReplaceOptions(), cancellationToken);
        if (result.MatchedCount == 0)
        {
            throw new InvalidOperationException($"Import job {job.Id} does not exist.");
        }
    }

    public async Task<ImportJob?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var document = await _jobs.Find(Filter.Eq(j => j.Id, id)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToImportJob();
    }

    public async Task<ImportJob?> FindActiveAsync(string userId, CancellationToken cancellationToken)
    {
        var document = await _jobs.Find(ActiveOf(userId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToImportJob();
    }

    // ListForUser's newest-first order, DeleteUser and Reassign.
    internal static readonly CreateIndexModel<ImportJobDocument> ByUserNewestFirst = new(
        Keys.Ascending(j => j.UserId).Descending(j => j.CreatedAt),
        new CreateIndexOptions { Name = "userId_1_createdAt_-1" });

    public async Task<IReadOnlyList<ImportJob>> ListForUserAsync(string userId, CancellationToken cancellationToken)
    {
        var documents = await _jobs
            .Find(Filter.Eq(j => j.UserId, userId))
            .Sort(Builders<ImportJobDocument>.Sort.Descending(j => j.CreatedAt).Ascending(j => j.Id))
            .ToListAsync(cancellationToken);
        return [.. documents.Select(d => d.ToImportJob())];
    }

    public async Task<IReadOnlyList<ImportJob>> ListActiveAsync(CancellationToken cancellationToken)
    {
        var documents = await _jobs.Find(Filter.Eq(j => j.Active, true)).ToListAsync(cancellationToken);
        return [.. documents.Select(d => d.ToImportJob())];
    }

    public async Task<bool> TryFailStaleAsync(ImportJob seen, string error, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var update = Builders<ImportJobDocument>.Update
            .Set(j => j.Status, ImportJobDocument.Failed)
            .Set(j => j.Active, false)
            .Set(j => j.Error, error)
            .Set(j => j.CompletedAt, MongoTime.ToBson(at));
        // Only while it still has the lease it was seen with: an owner that renewed meanwhile keeps its job.
        var stillStale = Filter.Eq(j => j.Id, seen.Id) & Filter.Eq(j => j.Active, true) & Filter.Eq(j => j.LeaseExpiresAt, MongoTime.ToBson(seen.LeaseExpiresAt));
        var result = await _jobs.UpdateOneAsync(stillStale, update, options: null, cancellationToken);
        return result.ModifiedCount == 1;
    }

    public async Task RenewLeaseAsync(string id, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var renew = Builders<ImportJobDocument>.Update.Set(j => j.LeaseExpiresAt, MongoTime.ToBson(until));
        await _jobs.UpdateOneAsync(Filter.Eq(j => j.Id, id) & Filter.Eq(j => j.Active, true), renew, options: null, cancellationToken);
    }

    public async Task<long> DeleteUserAsync(string userId, CancellationToken cancellationToken)
    {
        var result = await _jobs.DeleteManyAsync(Filter.Eq(j => j.UserId, userId), cancellationToken);
        return result.DeletedCount;
    }

    public async Task ReassignAsync(string fromUserId, string toUserId, CancellationToken cancellationToken)
    {
        var move = Builders<ImportJobDocument>.Update.Set(j => j.UserId, toUserId);
        await _jobs.UpdateManyAsync(Filter.Eq(j => j.UserId, fromUserId) & Filter.Ne(j => j.Active, true), move, options: null, cancellationToken);
        try
        {
            await _jobs.UpdateManyAsync(ActiveOf(fromUserId), move, options: null, cancellationToken);
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            // The target already has an active job: the local identity's one stays behind rather than
            // breaking the one-active-job rule (as on SQLite).
        }
    }

    private static FilterDefinition<ImportJobDocument> ActiveOf(string userId) =>
        Filter.Eq(j => j.UserId, userId) & Filter.Eq(j => j.Active, true);
}
