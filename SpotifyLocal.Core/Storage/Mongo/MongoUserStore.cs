using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary><see cref="IUserStore"/> on the <c>users</c> collection, keyed by <c>_id</c> = Spotify id.</summary>
public sealed class MongoUserStore : IUserStore
{
    private static readonly FilterDefinitionBuilder<UserDocument> Filter = Builders<UserDocument>.Filter;
    private static readonly ReplaceOptions Upsert = new() { IsUpsert = true };

    private readonly IMongoCollection<UserDocument> _users;

    public MongoUserStore(MongoCollections collections) => _users = collections.Users;

    internal static IReadOnlyList<CreateIndexModel<UserDocument>> Indexes => [ByLinkState];

    public async Task<User?> GetAsync(string spotifyId, CancellationToken cancellationToken)
    {
        var document = await _users.Find(Filter.Eq(u => u.Id, spotifyId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    }

    public Task UpsertAsync(User user, CancellationToken cancellationToken) =>
        _users.ReplaceOneAsync(Filter.Eq(u => u.Id, user.SpotifyId), UserDocument.From(user), Upsert, cancellationToken);

    // ListLinked: the tracking worker's list of users to poll (lookups by Spotify id use _id).
    internal static readonly CreateIndexModel<UserDocument> ByLinkState = new(
        Builders<UserDocument>.IndexKeys.Ascending(u => u.LinkState),
        new CreateIndexOptions { Name = "linkState_1" });

    public async Task<IReadOnlyList<User>> ListLinkedAsync(CancellationToken cancellationToken)
    {
        var documents = await _users
            .Find(Filter.Eq(u => u.LinkState, UserDocument.Linked))
            .Sort(Builders<UserDocument>.Sort.Ascending(u => u.Id))
            .ToListAsync(cancellationToken);
        return [.. documents.Select(d => d.ToUser())];
    }

    public async Task<bool> DeleteAsync(string spotifyId, CancellationToken cancellationToken)
    {
        var result = await _users.DeleteOneAsync(Filter.Eq(u => u.Id, spotifyId), cancellationToken);
        return result.DeletedCount > 0;
    }
}
