using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary><see cref="IPlayMoveStore"/> on the <c>play_moves</c> collection (a handful of documents, looked up by <c>_id</c>).</summary>
public sealed class MongoPlayMoveStore(MongoCollections collections) : IPlayMoveStore
{
    private static readonly FilterDefinitionBuilder<PlayMoveDocument> Filter = Builders<PlayMoveDocument>.Filter;

    private readonly IMongoCollection<PlayMoveDocument> _moves = collections.PlayMoves;

    public Task AddAsync(PlayMove move, CancellationToken cancellationToken) =>
        _moves.ReplaceOneAsync(
            Filter.Eq(m => m.Id, move.FromUserId),
            new PlayMoveDocument { Id = move.FromUserId, ToUserId = move.ToUserId, RequestedAt = MongoTime.ToBson(move.RequestedAt) },
            new ReplaceOptions { IsUpsert = true },
            cancellationToken);

    public async Task<IReadOnlyList<PlayMove>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = await _moves.Find(FilterDefinition<PlayMoveDocument>.Empty)
            .Sort(Builders<PlayMoveDocument>.Sort.Ascending(m => m.RequestedAt).Ascending(m => m.Id))
            .ToListAsync(cancellationToken);
        return [.. documents.Select(d => new PlayMove(d.Id, d.ToUserId, MongoTime.FromBson(d.RequestedAt)))];
    }

    public async Task<bool> RemoveAsync(string fromUserId, CancellationToken cancellationToken) =>
        (await _moves.DeleteOneAsync(Filter.Eq(m => m.Id, fromUserId), cancellationToken)).DeletedCount > 0;
}
