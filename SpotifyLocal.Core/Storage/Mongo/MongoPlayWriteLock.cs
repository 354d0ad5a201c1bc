using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// Serialises the match-then-insert of one user's plays across threads and processes (MongoDB transactions need a
/// replica set; a self-hoster's single server has none): the writer inserts a lock document keyed by the user id,
/// a second writer waits for it to be deleted, or takes it over once <see cref="Lease"/> has run out.
/// </summary>
internal static class MongoPlayWriteLock
{
    /// <summary>Longer than any one batch write; a crashed holder blocks the user's writes at most this long.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(20);
    private static readonly FilterDefinitionBuilder<PlayWriteLockDocument> Filter = Builders<PlayWriteLockDocument>.Filter;

    public static async Task<IAsyncDisposable> AcquireAsync(
        IMongoEngine engine, IMongoCollection<PlayWriteLockDocument> locks, string userId, TimeProvider time, CancellationToken cancellationToken)
    {
        var owner = Guid.NewGuid().ToString("N");
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (await engine.TryInsertOneAsync(locks, new PlayWriteLockDocument { Id = userId, Owner = owner, ExpiresAt = now + Lease }, cancellationToken))
            {
                return new Release(engine, locks, userId, owner);
            }

            var expired = Filter.Eq(l => l.Id, userId) & Filter.Lt(l => l.ExpiresAt, now);
            var takeOver = Builders<PlayWriteLockDocument>.Update.Set(l => l.Owner, owner).Set(l => l.ExpiresAt, now + Lease);
            if (await engine.UpdateAsync(locks, [new UpdateOneModel<PlayWriteLockDocument>(expired, takeOver)], cancellationToken) > 0)
            {
                return new Release(engine, locks, userId, owner);
            }

            await Task.Delay(RetryDelay, time, cancellationToken);
        }
    }

    private sealed class Release(IMongoEngine engine, IMongoCollection<PlayWriteLockDocument> locks, string userId, string owner) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await engine.DeleteManyAsync(locks, Filter.Eq(l => l.Id, userId) & Filter.Eq(l => l.Owner, owner), CancellationToken.None);
    }
}
