using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary><see cref="IServerSettingsStore"/> on the <c>server_settings</c> and <c>visible_members</c> collections.</summary>
public sealed class MongoServerSettingsStore : IServerSettingsStore
{
    private static readonly FilterDefinitionBuilder<ServerSettingsDocument> SettingsFilter = Builders<ServerSettingsDocument>.Filter;
    private static readonly FilterDefinitionBuilder<VisibleMemberDocument> MemberFilter = Builders<VisibleMemberDocument>.Filter;
    private static readonly IndexKeysDefinitionBuilder<ServerSettingsDocument> SettingsKeys = Builders<ServerSettingsDocument>.IndexKeys;
    private static readonly IndexKeysDefinitionBuilder<VisibleMemberDocument> MemberKeys = Builders<VisibleMemberDocument>.IndexKeys;

    private readonly IMongoCollection<ServerSettingsDocument> _settings;
    private readonly IMongoCollection<VisibleMemberDocument> _members;

    public MongoServerSettingsStore(MongoCollections collections)
    {
        _settings = collections.ServerSettings;
        _members = collections.VisibleMembers;
    }

    internal static IReadOnlyList<CreateIndexModel<ServerSettingsDocument>> SettingsIndexes => [WeeklyEnabled];

    internal static IReadOnlyList<CreateIndexModel<VisibleMemberDocument>> MemberIndexes => [ByServerAndMember, ByMember];

    public async Task<ServerSettings?> GetAsync(string serverId, CancellationToken cancellationToken)
    {
        var document = await _settings.Find(SettingsFilter.Eq(s => s.Id, serverId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToSettings();
    }

    public Task UpsertAsync(ServerSettings settings, CancellationToken cancellationToken) =>
        _settings.ReplaceOneAsync(
            SettingsFilter.Eq(s => s.Id, settings.ServerId),
            ServerSettingsDocument.From(settings),
            new ReplaceOptions { IsUpsert = true },
            cancellationToken);

    // ListWeeklyEnabled: the worker's scan of servers that want a weekly post.
    internal static readonly CreateIndexModel<ServerSettingsDocument> WeeklyEnabled = new(
        SettingsKeys.Ascending(s => s.WeeklyEnabled),
        new CreateIndexOptions { Name = "weeklyEnabled_1" });

    public async Task<IReadOnlyList<ServerSettings>> ListWeeklyEnabledAsync(CancellationToken cancellationToken)
    {
        var documents = await _settings
            .Find(SettingsFilter.Eq(s => s.WeeklyEnabled, true) & SettingsFilter.Ne(s => s.WeeklyChannelId, null))
            .Sort(Builders<ServerSettingsDocument>.Sort.Ascending(s => s.Id))
            .ToListAsync(cancellationToken);
        return [.. documents.Select(d => d.ToSettings())];
    }

    // A member is visible at most once per server; SetVisible's upsert relies on it.
    internal static readonly CreateIndexModel<VisibleMemberDocument> ByServerAndMember = new(
        MemberKeys.Ascending(m => m.ServerId).Ascending(m => m.ChatUserId),
        new CreateIndexOptions { Name = "serverId_1_chatUserId_1", Unique = true });

    public Task SetVisibleAsync(VisibleMember member, CancellationToken cancellationToken) =>
        _members.UpdateOneAsync(
            MemberOf(member.ServerId, member.ChatUserId),
            Builders<VisibleMemberDocument>.Update
                .Set(m => m.DisplayName, member.DisplayName)
                .SetOnInsert(m => m.Since, MongoTime.ToBson(member.Since)),
            new UpdateOptions { IsUpsert = true },
            cancellationToken);

    public async Task<bool> RemoveVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken)
    {
        var result = await _members.DeleteOneAsync(MemberOf(serverId, chatUserId), cancellationToken);
        return result.DeletedCount > 0;
    }

    public async Task<bool> IsVisibleAsync(string serverId, string chatUserId, CancellationToken cancellationToken) =>
        await _members.Find(MemberOf(serverId, chatUserId)).AnyAsync(cancellationToken);

    public async Task<IReadOnlyList<VisibleMember>> ListVisibleAsync(string serverId, CancellationToken cancellationToken)
    {
        var documents = await _members
            .Find(MemberFilter.Eq(m => m.ServerId, serverId))
            .Sort(Builders<VisibleMemberDocument>.Sort.Ascending(m => m.ChatUserId))
            .ToListAsync(cancellationToken);
        return [.. documents.Select(d => d.ToMember())];
    }

    // RemoveVisibleEverywhere: forgetting a member across servers.
    internal static readonly CreateIndexModel<VisibleMemberDocument> ByMember = new(
        MemberKeys.Ascending(m => m.ChatUserId),
        new CreateIndexOptions { Name = "chatUserId_1" });

    public async Task<int> RemoveVisibleEverywhereAsync(string chatUserId, CancellationToken cancellationToken)
    {
        var result = await _members.DeleteManyAsync(MemberFilter.Eq(m => m.ChatUserId, chatUserId), cancellationToken);
        return (int)result.DeletedCount;
    }

    private static FilterDefinition<VisibleMemberDocument> MemberOf(string serverId, string chatUserId) =>
        MemberFilter.Eq(m => m.ServerId, serverId) & MemberFilter.Eq(m => m.ChatUserId, chatUserId);
}
