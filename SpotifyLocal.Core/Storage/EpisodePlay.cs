using System.Security.Cryptography;
using System.Text;

namespace SpotifyLocal.Core.Storage;

/// <summary>
/// One listened podcast episode or audiobook chapter from the extended streaming history, stored apart from music
/// plays (never counted in music stats). Unique per (UserId, PlayedAt, EpisodeId); <see cref="EpisodeId"/> is
/// Spotify's episode or chapter URI, or <see cref="IdFromNames"/> when the export gave none.
/// </summary>
public sealed record EpisodePlay(
    string UserId,
    DateTimeOffset PlayedAt,
    string EpisodeId,
    string EpisodeName,
    string ShowName,
    EpisodeKind Kind,
    int MsPlayed,
    PlaySource Source)
{
    /// <summary>The prefix of ids made from names (<see cref="IdFromNames"/>).</summary>
    public const string LocalIdPrefix = "local:episode:";

    /// <summary>Builds an episode play at whole milliseconds, as both backends store it.</summary>
    public static EpisodePlay Create(
        string userId, DateTimeOffset playedAt, string episodeId, string episodeName, string showName, EpisodeKind kind, int msPlayed, PlaySource source) =>
        new(userId, DateTimeOffset.FromUnixTimeMilliseconds(playedAt.ToUnixTimeMilliseconds()), episodeId, episodeName, showName, kind, msPlayed, source);

    /// <summary>A stable id for an entry without a URI: a hash of the show and episode names as written.</summary>
    public static string IdFromNames(string showName, string episodeName)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(showName + "\u001f" + episodeName), hash);
        return LocalIdPrefix + Convert.ToHexStringLower(hash[..16]);
    }
}
