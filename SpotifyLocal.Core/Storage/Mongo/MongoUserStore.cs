using MongoDB.Driver;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// <see cref="IUserStore"/> on the <c>users</c> collection, keyed by <c>_id</c> = Spotify id. Each write is one
/// <c>UpdateOne</c> with <c>$set</c> of the fields it owns; conditional writes put their condition in the filter.
/// </summary>
public sealed class MongoUserStore : IUserStore
{
    private static readonly FilterDefinitionBuilder<UserDocument> Filter = Builders<UserDocument>.Filter;
    private static readonly UpdateDefinitionBuilder<UserDocument> Update = Builders<UserDocument>.Update;

    private readonly IMongoCollection<UserDocument> _users;

    public MongoUserStore(MongoCollections collections) => _users = collections.Users;

    internal static IReadOnlyList<CreateIndexModel<UserDocument>> Indexes => [ByLinkState, ByAccountId];

    // ListLinked: the tracking worker's list of users to poll (lookups by Spotify id use _id).
    internal static readonly CreateIndexModel<UserDocument> ByLinkState = new(
        Builders<UserDocument>.IndexKeys.Ascending(u => u.LinkState),
        new CreateIndexOptions { Name = "linkState_1" });

    // FindByAccountId: a new link finds its user by Spotify's account_id.
    internal static readonly CreateIndexModel<UserDocument> ByAccountId = new(
        Builders<UserDocument>.IndexKeys.Ascending(u => u.AccountId),
        new CreateIndexOptions { Name = "accountId_1" });

    public async Task<User?> GetAsync(string spotifyId, CancellationToken cancellationToken)
    {
        var document = await _users.Find(Filter.Eq(u => u.Id, spotifyId)).FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    }

    public async Task<User?> FindByAccountIdAsync(string accountId, CancellationToken cancellationToken)
    {
        var document = await _users.Find(Filter.Eq(u => u.AccountId, accountId))
            .Sort(Builders<UserDocument>.Sort.Ascending(u => u.Id))
            .FirstOrDefaultAsync(cancellationToken);
        return document?.ToUser();
    }

    public async Task<bool> CreateAsync(User user, CancellationToken cancellationToken)
    {
        var document = UserDocument.From(user);
        var result = await _users.UpdateOneAsync(
            Filter.Eq(u => u.Id, user.SpotifyId),
            Update.Combine(
                Update.SetOnInsert(u => u.AccountId, document.AccountId),
                Update.SetOnInsert(u => u.DisplayName, document.DisplayName),
                Update.SetOnInsert(u => u.EncryptedAccessToken, document.EncryptedAccessToken),
                Update.SetOnInsert(u => u.EncryptedRefreshToken, document.EncryptedRefreshToken),
                Update.SetOnInsert(u => u.TokenExpiresAt, document.TokenExpiresAt),
                Update.SetOnInsert(u => u.ConsentedAt, document.ConsentedAt),
                Update.SetOnInsert(u => u.JoinedAt, document.JoinedAt),
                Update.SetOnInsert(u => u.HasInitialImport, document.HasInitialImport),
                Update.SetOnInsert(u => u.HasFullImport, document.HasFullImport),
                Update.SetOnInsert(u => u.LastCheckAt, document.LastCheckAt),
                Update.SetOnInsert(u => u.TimeZone, document.TimeZone),
                Update.SetOnInsert(u => u.LinkState, document.LinkState),
                Update.SetOnInsert(u => u.RelinkReminderSentAt, document.RelinkReminderSentAt)),
            new UpdateOptions { IsUpsert = true },
            cancellationToken);
        return result.UpsertedId is not null;
    }

    public Task SetTimeZoneAsync(string spotifyId, string timeZone, CancellationToken cancellationToken) =>
        _users.UpdateOneAsync(Filter.Eq(u => u.Id, spotifyId), Update.Set(u => u.TimeZone, timeZone), cancellationToken: cancellationToken);

    public Task MarkFullImportAsync(string spotifyId, CancellationToken cancellationToken) =>
        _users.UpdateOneAsync(Filter.Eq(u => u.Id, spotifyId), Update.Set(u => u.HasFullImport, true), cancellationToken: cancellationToken);

    public Task RecordCheckAsync(string spotifyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _users.UpdateOneAsync(
            Filter.Eq(u => u.Id, spotifyId),
            Update.Set(u => u.LastCheckAt, MongoTime.ToBson(at)).Set(u => u.HasInitialImport, true),
            cancellationToken: cancellationToken);

    public Task MarkRelinkReminderSentAsync(string spotifyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _users.UpdateOneAsync(Filter.Eq(u => u.Id, spotifyId), Update.Set(u => u.RelinkReminderSentAt, MongoTime.ToBson(at)), cancellationToken: cancellationToken);

    public Task StoreLinkAsync(string spotifyId, LinkGrant grant, CancellationToken cancellationToken)
    {
        var update = Update
            .Set(u => u.EncryptedAccessToken, grant.EncryptedAccessToken)
            .Set(u => u.EncryptedRefreshToken, grant.EncryptedRefreshToken)
            .Set(u => u.TokenExpiresAt, MongoTime.ToBson(grant.TokenExpiresAt))
            .Set(u => u.ConsentedAt, MongoTime.ToBson(grant.ConsentedAt))
            .Set(u => u.LinkState, UserDocument.Linked);
        if (grant.AccountId is not null)
        {
            update = update.Set(u => u.AccountId, grant.AccountId);
        }

        if (grant.DisplayName is not null)
        {
            update = update.Set(u => u.DisplayName, grant.DisplayName);
        }

        return _users.UpdateOneAsync(Filter.Eq(u => u.Id, spotifyId), update, cancellationToken: cancellationToken);
    }

    public async Task<bool> ReplaceTokensAsync(
        string spotifyId,
        string expectedEncryptedRefreshToken,
        string encryptedAccessToken,
        string encryptedRefreshToken,
        DateTimeOffset expiresAt,
        CancellationToken cancellationToken)
    {
        var result = await _users.UpdateOneAsync(
            Filter.Eq(u => u.Id, spotifyId)
            & Filter.Eq(u => u.LinkState, UserDocument.Linked)
            & Filter.Eq(u => u.EncryptedRefreshToken, expectedEncryptedRefreshToken),
            Update.Set(u => u.EncryptedAccessToken, encryptedAccessToken)
                .Set(u => u.EncryptedRefreshToken, encryptedRefreshToken)
                .Set(u => u.TokenExpiresAt, MongoTime.ToBson(expiresAt)),
            cancellationToken: cancellationToken);
        return result.MatchedCount > 0;
    }

    public async Task<bool> EndLinkAsync(string spotifyId, LinkState state, string? expectedEncryptedRefreshToken, CancellationToken cancellationToken)
    {
        var filter = Filter.Eq(u => u.Id, spotifyId);
        if (expectedEncryptedRefreshToken is not null)
        {
            filter &= Filter.Eq(u => u.LinkState, UserDocument.Linked) & Filter.Eq(u => u.EncryptedRefreshToken, expectedEncryptedRefreshToken);
        }

        var result = await _users.UpdateOneAsync(
            filter,
            Update.Set(u => u.EncryptedAccessToken, null)
                .Set(u => u.EncryptedRefreshToken, null)
                .Set(u => u.TokenExpiresAt, null)
                .Set(u => u.LinkState, UserDocument.ToElement(state)),
            cancellationToken: cancellationToken);
        return result.MatchedCount > 0;
    }

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

    /// <summary>Records from before the e-mail was dropped (SpotifyLocal no longer stores it); the initializer applies <see cref="RemoveEmail"/>.</summary>
    internal static FilterDefinition<UserDocument> StoredEmails { get; } = Filter.Exists("email");

    internal static UpdateDefinition<UserDocument> RemoveEmail { get; } = Update.Unset("email");
}
