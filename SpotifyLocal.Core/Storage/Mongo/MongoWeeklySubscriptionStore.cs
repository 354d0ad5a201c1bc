using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary><see cref="IWeeklySubscriptionStore"/> on the <c>weekly_subscriptions</c> collection.</summary>
public sealed class MongoWeeklySubscriptionStore : IWeeklySubscriptionStore
{
    private static readonly FilterDefinitionBuilder<WeeklySubscriptionDocument> Filter = Builders<WeeklySubscriptionDocument>.Filter;

    private readonly IMongoCollection<WeeklySubscriptionDocument> _subscriptions;

    public MongoWeeklySubscriptionStore(MongoCollections collections) => _subscriptions = collections.WeeklySubscriptions;

    internal static IReadOnlyList<CreateIndexModel<WeeklySubscriptionDocument>> Indexes => [ByIdentity];

    // One subscription per identity: Set's upsert and IsSubscribed look it up.
    internal static readonly CreateIndexModel<WeeklySubscriptionDocument> ByIdentity = new(
        Builders<WeeklySubscriptionDocument>.IndexKeys.Ascending(s => s.Platform).Ascending(s => s.ChatUserId),
        new CreateIndexOptions { Name = "platform_1_chatUserId_1", Unique = true });

    public async Task SetAsync(ChatIdentity identity, bool enabled, CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            await _subscriptions.DeleteOneAsync(Of(identity), cancellationToken);
            return;
        }

        await _subscriptions.UpdateOneAsync(
            Of(identity),
            Builders<WeeklySubscriptionDocument>.Update
                .SetOnInsert(s => s.Platform, identity.Platform)
                .SetOnInsert(s => s.ChatUserId, identity.ChatUserId),
            new UpdateOptions { IsUpsert = true },
            cancellationToken);
    }

    public async Task<bool> IsSubscribedAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        await _subscriptions.Find(Of(identity)).AnyAsync(cancellationToken);

    public async Task<IReadOnlyList<ChatIdentity>> ListAsync(CancellationToken cancellationToken)
    {
        var documents = await _subscriptions
            .Find(Filter.Empty)
            .Sort(Builders<WeeklySubscriptionDocument>.Sort.Ascending(s => s.Platform).Ascending(s => s.ChatUserId))
            .ToListAsync(cancellationToken);
        return [.. documents.Select(d => new ChatIdentity(d.Platform, d.ChatUserId))];
    }

    private static FilterDefinition<WeeklySubscriptionDocument> Of(ChatIdentity identity) =>
        Filter.Eq(s => s.Platform, identity.Platform) & Filter.Eq(s => s.ChatUserId, identity.ChatUserId);
}
