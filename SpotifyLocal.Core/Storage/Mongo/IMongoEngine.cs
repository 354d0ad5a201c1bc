using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Executes the commands <see cref="MongoPlayStore"/> sends for the plays and rollup collections.
/// <see cref="MongoServerEngine"/> sends them to the server; tests substitute an engine that runs the same
/// rendered commands in process (mingo) and records them (every one must carry <c>userId</c>, the shard key).
/// </summary>
internal interface IMongoEngine
{
    Task<List<TOutput>> AggregateAsync<TDocument, TOutput>(
        IMongoCollection<TDocument> collection, PipelineDefinition<TDocument, TOutput> pipeline, CancellationToken cancellationToken);

    /// <summary>An unordered insert; says which documents were not stored and why, or throws when the outcome is unknown.</summary>
    Task<InsertManyOutcome> InsertManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<TDocument> documents, CancellationToken cancellationToken);

    /// <summary>Unordered single-document updates (upserts where the model says so); returns how many found or created a document.</summary>
    Task<long> UpdateAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<UpdateOneModel<TDocument>> updates, CancellationToken cancellationToken);

    /// <summary>One update of every matching document (the initializer's migrations).</summary>
    Task UpdateManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, UpdateDefinition<TDocument> update, CancellationToken cancellationToken);

    /// <summary>Inserts one document; false when it hit a unique index.</summary>
    Task<bool> TryInsertOneAsync<TDocument>(IMongoCollection<TDocument> collection, TDocument document, CancellationToken cancellationToken);

    Task<long> DeleteManyAsync<TDocument>(
        IMongoCollection<TDocument> collection, FilterDefinition<TDocument> filter, CancellationToken cancellationToken);

    Task CreateIndexesAsync<TDocument>(
        IMongoCollection<TDocument> collection, IReadOnlyList<CreateIndexModel<TDocument>> indexes, CancellationToken cancellationToken);
}
