using MongoDB.Bson;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// A <see cref="PlayRollup"/> in the <c>play_rollups</c> collection, unique on (<c>userId</c>, <c>kind</c>, <c>key</c>,
/// <c>name</c>, <c>artist</c>); <c>kind</c> is <c>tracks</c>, <c>artists</c> or <c>albums</c>.
/// </summary>
public sealed class PlayRollupDocument
{
    public ObjectId Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Artist { get; set; } = string.Empty;

    public int Plays { get; set; }

    public long MsPlayed { get; set; }

    public DateTime FirstPlayedAt { get; set; }

    public DateTime LastPlayedAt { get; set; }

    public static string ToElement(TopKind kind) => kind switch
    {
        TopKind.Tracks => "tracks",
        TopKind.Artists => "artists",
        TopKind.Albums => "albums",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown top kind."),
    };

    public static TopKind ToKind(string element) => element switch
    {
        "tracks" => TopKind.Tracks,
        "artists" => TopKind.Artists,
        "albums" => TopKind.Albums,
        _ => throw new FormatException($"Unknown rollup kind '{element}' in the play_rollups collection."),
    };

    public PlayRollup ToRollup() => new(
        new PlayRollupKey(UserId, ToKind(Kind), Key, Name, Artist),
        Plays,
        MsPlayed,
        MongoTime.FromBson(FirstPlayedAt),
        MongoTime.FromBson(LastPlayedAt));
}
