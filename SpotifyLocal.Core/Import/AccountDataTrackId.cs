using System.Security.Cryptography;
using System.Text;
using SpotifyLocal.Core.Stats;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// Stable track ids for the id-less account-data export: <c>local:track:</c> + a hash of the normalized
/// artist and title, so the same song always gets the same id and re-imports stay idempotent.
/// </summary>
public static class AccountDataTrackId
{
    public const string Prefix = "local:track:";

    public static string For(string artistName, string trackName)
    {
        var key = IdentityKeys.Track(artistName, trackName);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return Prefix + Convert.ToHexStringLower(hash[..16]);
    }
}
