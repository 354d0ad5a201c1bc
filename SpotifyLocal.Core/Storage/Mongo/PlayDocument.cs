using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// A <see cref="Play"/> as stored in the <c>plays</c> collection. Element names are the seed's
/// (<c>userId</c>, <c>playedAt</c>, …); <c>source</c> is <c>tracked</c>, <c>import</c> or <c>accountData</c>.
/// </summary>
public sealed class PlayDocument
{
    public const string Tracked = "tracked";
    public const string Import = "import";
    public const string AccountData = "accountData";

    public ObjectId Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string TrackId { get; set; } = string.Empty;

    public string TrackName { get; set; } = string.Empty;

    public string? ArtistId { get; set; }

    public string ArtistName { get; set; } = string.Empty;

    public string? AlbumId { get; set; }

    public string? AlbumName { get; set; }

    /// <summary>UTC, whole milliseconds.</summary>
    public DateTime PlayedAt { get; set; }

    public int DurationMs { get; set; }

    public int MsPlayed { get; set; }

    public string Source { get; set; } = Tracked;

    public string TrackKey { get; set; } = string.Empty;

    public string ArtistKey { get; set; } = string.Empty;

    public string AlbumKey { get; set; } = string.Empty;

    // How an extended-history play happened; absent on tracked and account-data plays (unknown).
    [BsonIgnoreIfNull]
    public bool? Skipped { get; set; }

    [BsonIgnoreIfNull]
    public string? ReasonStart { get; set; }

    [BsonIgnoreIfNull]
    public string? ReasonEnd { get; set; }

    [BsonIgnoreIfNull]
    public bool? Shuffle { get; set; }

    [BsonIgnoreIfNull]
    public string? Platform { get; set; }

    [BsonIgnoreIfNull]
    public bool? Offline { get; set; }

    public static PlayDocument From(Play play) => new()
    {
        UserId = play.UserId,
        TrackId = play.TrackId,
        TrackName = play.TrackName,
        ArtistId = play.ArtistId,
        ArtistName = play.ArtistName,
        AlbumId = play.AlbumId,
        AlbumName = play.AlbumName,
        PlayedAt = MongoTime.ToBson(play.PlayedAt),
        DurationMs = play.DurationMs,
        MsPlayed = play.MsPlayed,
        Source = ToElement(play.Source),
        TrackKey = play.TrackKey,
        ArtistKey = play.ArtistKey,
        AlbumKey = play.AlbumKey,
        Skipped = play.Context?.Skipped,
        ReasonStart = play.Context?.ReasonStart,
        ReasonEnd = play.Context?.ReasonEnd,
        Shuffle = play.Context?.Shuffle,
        Platform = play.Context?.Platform,
        Offline = play.Context?.Offline,
    };

    public Play ToPlay() => new(
        UserId,
        TrackId,
        TrackName,
        ArtistId,
        ArtistName,
        AlbumId,
        AlbumName,
        MongoTime.FromBson(PlayedAt),
        DurationMs,
        MsPlayed,
        ToSource(Source),
        TrackKey,
        ArtistKey,
        AlbumKey)
    {
        Context = PlayContext.OrNull(Skipped, ReasonStart, ReasonEnd, Shuffle, Platform, Offline),
    };

    /// <summary>A copy under another user id and a fresh <c>_id</c> (used when plays move between users).</summary>
    public PlayDocument ForUser(string userId) => new()
    {
        UserId = userId,
        TrackId = TrackId,
        TrackName = TrackName,
        ArtistId = ArtistId,
        ArtistName = ArtistName,
        AlbumId = AlbumId,
        AlbumName = AlbumName,
        PlayedAt = PlayedAt,
        DurationMs = DurationMs,
        MsPlayed = MsPlayed,
        Source = Source,
        TrackKey = TrackKey,
        ArtistKey = ArtistKey,
        AlbumKey = AlbumKey,
        Skipped = Skipped,
        ReasonStart = ReasonStart,
        ReasonEnd = ReasonEnd,
        Shuffle = Shuffle,
        Platform = Platform,
        Offline = Offline,
    };

    public static string ToElement(PlaySource source) => source switch
    {
        PlaySource.Tracked => Tracked,
        PlaySource.Import => Import,
        PlaySource.AccountData => AccountData,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown play source."),
    };

    public static PlaySource ToSource(string element) => element switch
    {
        Tracked => PlaySource.Tracked,
        Import => PlaySource.Import,
        AccountData => PlaySource.AccountData,
        _ => throw new FormatException($"Unknown play source '{element}' in the plays collection."),
    };
}
