using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary><see cref="IChatLinkStore"/> on the <c>chat_links</c> collection.</summary>
public sealed class MongoChatLinkStore : IChatLinkStore
{
    private static readonly FilterDefinitionBuilder<ChatLinkDocument> Filter = Builders<ChatLinkDocument>.Filter;
    private static readonly IndexKeysDefinitionBuilder<ChatLinkDocument> Keys = Builders<ChatLinkDocument>.IndexKeys;
    private static readonly UpdateOptions Upsert = new() { IsUpsert = true };

    private readonly IMongoCollection<ChatLinkDocument> _links;

    public MongoChatLinkStore(MongoCollections collections) => _links = collections.ChatLinks;

    internal static IReadOnlyList<CreateIndexModel<ChatLinkDocument>> Indexes => [ByIdentity, ByUser];

    // An identity points at exactly one user: Get/Set/Remove look it up, and the upsert relies on it being unique.
    internal static readonly CreateIndexModel<ChatLinkDocument> ByIdentity = new(
        Keys.Ascending(l => l.Platform).Ascending(l => l.ChatUserId),
        new CreateIndexOptions { Name = "platform_1_chatUserId_1", Unique = true });

    public async Task<string?> GetUserIdAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var link = await _links.Find(IdentityFilter(identity)).FirstOrDefaultAsync(cancellationToken);
        return link?.UserId;
    }

    public Task SetAsync(ChatIdentity identity, string userId, CancellationToken cancellationToken) =>
        _links.UpdateOneAsync(
            IdentityFilter(identity),
            Builders<ChatLinkDocument>.Update.Set(l => l.UserId, userId),
            Upsert,
            cancellationToken);

    public async Task<bool> RemoveAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var result = await _links.DeleteOneAsync(IdentityFilter(identity), cancellationToken);
        return result.DeletedCount > 0;
    }

    // ListForUser: the identities of one user.
    internal static readonly CreateIndexModel<ChatLinkDocument> ByUser = new(
        Keys.Ascending(l => l.UserId),
        new CreateIndexOptions { Name = "userId_1" });

    public async Task<IReadOnlyList<ChatIdentity>> ListForUserAsync(string userId, CancellationToken cancellationToken)
    {
        var links = await _links
            .Find(Filter.Eq(l => l.UserId, userId))
            .Sort(Builders<ChatLinkDocument>.Sort.Ascending(l => l.Platform).Ascending(l => l.ChatUserId))
            .ToListAsync(cancellationToken);
        return [.. links.Select(l => l.ToIdentity())];
    }

    private static FilterDefinition<ChatLinkDocument> IdentityFilter(ChatIdentity identity) =>
        Filter.Eq(l => l.Platform, identity.Platform) & Filter.Eq(l => l.ChatUserId, identity.ChatUserId);
}
