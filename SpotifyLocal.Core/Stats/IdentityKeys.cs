using System.Globalization;
using System.Text;

namespace SpotifyLocal.Core.Stats;

/// <summary>
/// Normalized grouping keys computed when a play is written: one song, artist or album gets one key
/// whatever URI, edition or spelling it arrived with.
/// </summary>
public static class IdentityKeys
{
    private const char Separator = '\u001f';

    public static string Artist(string artistName) => Normalize(artistName);

    public static string Track(string artistName, string trackName) =>
        string.Concat(Normalize(artistName), Separator.ToString(), Normalize(trackName));

    public static string Album(string artistName, string? albumName) =>
        string.Concat(Normalize(artistName), Separator.ToString(), Normalize(albumName ?? string.Empty));

    /// <summary>Lower case, accents removed, whitespace collapsed.</summary>
    public static string Normalize(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
