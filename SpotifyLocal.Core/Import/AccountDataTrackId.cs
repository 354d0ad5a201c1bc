using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// Stable ids for the id-less account-data export: <c>local:track:</c> + a hash of the normalized artist and title
/// (<see cref="For"/>), and per stream that id + <c>@msPlayed</c> (<see cref="ForStream"/>), so re-imports stay
/// idempotent while two different streams of one song in one minute stay apart.
/// </summary>
public static class AccountDataTrackId
{
    public const string Prefix = "local:track:";

    /// <summary>The song's id: the same for every spelling that normalizes to the same song key.</summary>
    public static string For(string artistName, string trackName)
    {
        var key = IdentityKeys.Track(artistName, trackName);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Prefix + Convert.ToHexStringLower(hash[..16]);
    }

    /// <summary>The stream's id, unique in the store together with the end minute (a SQLite migration gives older rows the same shape).</summary>
    public static string ForStream(string artistName, string trackName, long msPlayed) =>
        For(artistName, trackName) + "@" + msPlayed.ToString(CultureInfo.InvariantCulture);
}
