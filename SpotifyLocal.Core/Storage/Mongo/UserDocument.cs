namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// A <see cref="User"/> as stored in the <c>users</c> collection. The Spotify id is the document's
/// <c>_id</c> (so it is unique and looked up without an extra index); there is no separate
/// <c>spotifyId</c> element. Tokens are stored as the encrypted strings the domain holds.
/// </summary>
public sealed class UserDocument
{
    public const string NotLinked = "notLinked";
    public const string Linked = "linked";
    public const string NeedsRelink = "needsRelink";

    /// <summary>The Spotify user id (or a chat identity's local id), stored as <c>_id</c>.</summary>
    public string Id { get; set; } = string.Empty;

    public string? AccountId { get; set; }

    public string? DisplayName { get; set; }

    public string? EncryptedAccessToken { get; set; }

    public string? EncryptedRefreshToken { get; set; }

    public DateTime? TokenExpiresAt { get; set; }

    public DateTime? ConsentedAt { get; set; }

    public DateTime JoinedAt { get; set; }

    public bool HasInitialImport { get; set; }

    public bool HasFullImport { get; set; }

    public DateTime? LastCheckAt { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public string LinkState { get; set; } = NotLinked;

    public DateTime? RelinkReminderSentAt { get; set; }

    public static UserDocument From(User user) => new()
    {
        Id = user.SpotifyId,
        AccountId = user.AccountId,
        DisplayName = user.DisplayName,
        EncryptedAccessToken = user.EncryptedAccessToken,
        EncryptedRefreshToken = user.EncryptedRefreshToken,
        TokenExpiresAt = MongoTime.ToBson(user.TokenExpiresAt),
        ConsentedAt = MongoTime.ToBson(user.ConsentedAt),
        JoinedAt = MongoTime.ToBson(user.JoinedAt),
        HasInitialImport = user.HasInitialImport,
        HasFullImport = user.HasFullImport,
        LastCheckAt = MongoTime.ToBson(user.LastCheckAt),
        TimeZone = user.TimeZone,
        LinkState = ToElement(user.LinkState),
        RelinkReminderSentAt = MongoTime.ToBson(user.RelinkReminderSentAt),
    };

    public User ToUser() => new()
    {
        SpotifyId = Id,
        AccountId = AccountId,
        DisplayName = DisplayName,
        EncryptedAccessToken = EncryptedAccessToken,
        EncryptedRefreshToken = EncryptedRefreshToken,
        TokenExpiresAt = MongoTime.FromBson(TokenExpiresAt),
        ConsentedAt = MongoTime.FromBson(ConsentedAt),
        JoinedAt = MongoTime.FromBson(JoinedAt),
        HasInitialImport = HasInitialImport,
        HasFullImport = HasFullImport,
        LastCheckAt = MongoTime.FromBson(LastCheckAt),
        TimeZone = TimeZone,
        LinkState = ToLinkState(LinkState),
        RelinkReminderSentAt = MongoTime.FromBson(RelinkReminderSentAt),
    };

    public static string ToElement(LinkState state) => state switch
    {
        Storage.LinkState.NotLinked => NotLinked,
        Storage.LinkState.Linked => Linked,
        Storage.LinkState.NeedsRelink => NeedsRelink,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown link state."),
    };

    public static LinkState ToLinkState(string element) => element switch
    {
        NotLinked => Storage.LinkState.NotLinked,
        Linked => Storage.LinkState.Linked,
        NeedsRelink => Storage.LinkState.NeedsRelink,
        _ => throw new FormatException($"Unknown link state '{element}' in the users collection."),
    };
}
