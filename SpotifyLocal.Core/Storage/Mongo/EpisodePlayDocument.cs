using MongoDB.Bson;

namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// An <see cref="EpisodePlay"/> as stored in the <c>episode_plays</c> collection, apart from <c>plays</c>.
/// <c>kind</c> is <c>podcast</c> or <c>audiobook</c>; <c>source</c> as in <see cref="PlayDocument"/>.
/// </summary>
public sealed class EpisodePlayDocument
{
    public const string Podcast = "podcast";
    public const string Audiobook = "audiobook";

    public ObjectId Id { get; set; }

    public string UserId { get; set; } = string.Empty;

    /// <summary>UTC, whole milliseconds.</summary>
    public DateTime PlayedAt { get; set; }

    public string EpisodeId { get; set; } = string.Empty;

    public string EpisodeName { get; set; } = string.Empty;

    public string ShowName { get; set; } = string.Empty;

    public string Kind { get; set; } = Podcast;

    public int MsPlayed { get; set; }

    public string Source { get; set; } = PlayDocument.Import;

    public static EpisodePlayDocument From(EpisodePlay episode) => new()
    {
        UserId = episode.UserId,
        PlayedAt = MongoTime.ToBson(episode.PlayedAt),
        EpisodeId = episode.EpisodeId,
        EpisodeName = episode.EpisodeName,
        ShowName = episode.ShowName,
        Kind = episode.Kind == EpisodeKind.Audiobook ? Audiobook : Podcast,
        MsPlayed = episode.MsPlayed,
        Source = PlayDocument.ToElement(episode.Source),
    };

    public EpisodePlay ToEpisodePlay() => new(
        UserId,
        MongoTime.FromBson(PlayedAt),
        EpisodeId,
        EpisodeName,
        ShowName,
        Kind switch
        {
            Podcast => EpisodeKind.Podcast,
            Audiobook => EpisodeKind.Audiobook,
            _ => throw new FormatException($"Unknown episode kind '{Kind}' in the episode_plays collection."),
        },
        MsPlayed,
        PlayDocument.ToSource(Source));

    /// <summary>A copy under another user id and a fresh <c>_id</c> (used when entries move between users).</summary>
    public EpisodePlayDocument ForUser(string userId) => new()
    {
        Id = ObjectId.GenerateNewId(),
        UserId = userId,
        PlayedAt = PlayedAt,
        EpisodeId = EpisodeId,
        EpisodeName = EpisodeName,
        ShowName = ShowName,
        Kind = Kind,
        MsPlayed = MsPlayed,
        Source = Source,
    };
}
