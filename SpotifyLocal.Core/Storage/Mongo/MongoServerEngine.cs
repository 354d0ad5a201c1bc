using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>The production <see cref="IMongoEngine"/>: every command goes to the server through the driver.</summary>
internal sealed class MongoServerEngine : IMongoEngine
{
    public static MongoServerEngine Instance { get; } = new();

    private static readonly AggregateOptions Aggregation = new() { AllowDiskUse = true };
    private static readonly InsertManyOptions Unordered = new() { IsOrdered = false };
    private static readonly BulkWriteOptions UnorderedWrites = new() { IsOrdered = false };

    public async Task<List<TOutput>> AggregateAsync<TDocument, TOutput>(
        IMongoCollection<TDocument> collection, PipelineDefinition<TDocument, TOutput> pipeline, CancellationToken cancellationToken)
    {
        using var cursor = await collection.AggregateAsync(pipeline, Aggregation, cancellationToken);
        return await cursor.ToListAsync(cancellationToken);
    }

    public async Task<InsertManyOutcome> InsertManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<TDocument> documents, CancellationToken cancellationToken)
    {
        try
        {
            await collection.InsertManyAsync(documents, Unordered, cancellationToken);
            return InsertManyOutcome.AllStored;
        }
        catch (MongoBulkWriteException<TDocument> ex)
        {
            return InsertManyOutcome.From(ex, documents);
        }
    }

    public async Task<long> UpdateAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<UpdateOneModel<TDocument>> updates, CancellationToken cancellationToken)
    {
        if (updates.Count == 0)
        {
            return 0;
        }

        var result = await collection.BulkWriteAsync(updates, UnorderedWrites, cancellationToken);
        return result.MatchedCount + result.Upserts.Count;
    }

    public Task UpdateManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, CancellationToken cancellationToken) =>
        collection.UpdateManyAsync(filter, update, options: null, cancellationToken);

    public async Task<bool> TryInsertOneAsync<TDocument>(IMongoCollection<TDocument> collection, TDocument document, CancellationToken cancellationToken)
    {
        try
        {
            await collection.InsertOneAsync(document, options: null, cancellationToken);
            return true;
        }
        catch (MongoWriteException ex) when (ex.WriteError?.Category == ServerErrorCategory.DuplicateKey)
        {
            return false;
        }
    }

    public async Task<long> DeleteManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, CancellationToken cancellationToken) =>
        (await collection.DeleteManyAsync(filter, cancellationToken)).DeletedCount;

    public async Task CreateIndexesAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<CreateIndexModel<TDocument>> indexes, CancellationToken cancellationToken)
    {
        if (indexes.Count > 0)
        {
            await collection.Indexes.CreateManyAsync(indexes, cancellationToken);
        }
    }
}
