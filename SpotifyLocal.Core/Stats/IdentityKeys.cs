using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SpotifyLocal.Core.Stats;

/// <summary>
/// Normalized grouping keys computed when a play is written: one song, artist or album gets one key
/// whatever URI, edition or spelling it arrived with.
/// </summary>
/// <remarks>
/// The rules (also in the README):
/// <list type="bullet">
/// <item>Case is folded (invariant lower case; ß → ss).</item>
/// <item>Accents are removed from Latin and Greek letters (é → e, ά → α) and ø/æ/œ/ł/đ/þ are spelled out;
/// ё → е. Marks that make a different letter elsewhere (й, Japanese dakuten, Indic and Thai vowel signs)
/// are kept. Arabic short-vowel marks and tatweel are removed. Compatibility forms fold (ｆｕｌｌ → full, ﬁ → fi).</item>
/// <item>Apostrophes and dots are dropped (Don’t = Don't = Dont, M.I.A. = MIA); other punctuation is a
/// word break (Jay-Z = Jay Z); &amp; reads as "and"; whitespace is collapsed. A name made only of
/// punctuation (!!!) keeps its punctuation.</item>
/// <item>Titles and album names lose trailing edition suffixes, in brackets or after a dash, made only of
/// edition words: "- Remastered 2011", "(2011 Remaster)", "- Single Version", "- Radio Edit", "(Mono)",
/// "[Deluxe Edition]", "- Original Mix", "(Explicit)". Live, remix, acoustic, demo, "Taylor's Version"
/// and "2011 Mix" stay distinct because they are other recordings.</item>
/// <item>Featured-artist credits are removed from titles and artist names: "(feat. X)", "[ft. X]",
/// "(featuring X)", "(with X)", "- feat. X", and an unbracketed " feat. X" at the end.</item>
/// <item>The primary artist is the credited artist without featured artists; "&amp;" and "," are not split
/// because they are part of real names (Simon &amp; Garfunkel, Tyler, The Creator).</item>
/// </list>
/// Changing a rule changes stored keys: bump <see cref="Version"/> so stores can recompute them.
/// </remarks>
public static partial class IdentityKeys
{
    /// <summary>The version of these rules; stores may recompute keys of plays written under an older version.</summary>
    public const int Version = 2;

    private const char Separator = '\u001f';

    private static readonly HashSet<string> EditionMarkers = new(StringComparer.Ordinal)
    {
        "remaster", "remastered", "remasterd", "remastering", "single", "radio", "mono", "stereo", "edit",
        "explicit", "clean", "bonus", "deluxe", "expanded", "anniversary", "original", "album",
    };

    private static readonly HashSet<string> EditionFillers = new(StringComparer.Ordinal)
    {
        "version", "edition", "track", "digital", "digitally", "mix", "the", "lp", "special", "super", "legacy",
        "collectors", "cut",
    };

    /// <summary>The key of an artist: the normalized primary artist.</summary>
    public static string Artist(string artistName) => Normalize(PrimaryArtist(artistName));

    /// <summary>The key of a song: primary artist and title without edition suffixes or featured artists.</summary>
    public static string Track(string artistName, string trackName) =>
        string.Concat(Artist(artistName), Separator.ToString(), Normalize(BaseTitle(trackName)));

    /// <summary>The key of an album: primary artist and album name without edition suffixes; empty when the album is unknown.</summary>
    public static string Album(string artistName, string? albumName) =>
        string.IsNullOrWhiteSpace(albumName)
            ? string.Empty
            : string.Concat(Artist(artistName), Separator.ToString(), Normalize(BaseTitle(albumName)));

    /// <summary>The credited artist without featured artists ("A feat. B" → "A"); other separators are kept.</summary>
    public static string PrimaryArtist(string artistName)
    {
        var stripped = StripFeaturing(artistName.Trim());
        return stripped.Length == 0 ? artistName.Trim() : stripped;
    }

    /// <summary>
    /// A title without trailing edition suffixes ("- Remastered 2011", "(Single Version)") and featured-artist
    /// credits, in its original spelling. Returns the trimmed input when stripping would leave nothing.
    /// </summary>
    public static string BaseTitle(string title)
    {
        var current = title.Trim();
        while (true)
        {
            var next = StripOneSuffix(current);
            if (next.Length == 0 || next == current)
            {
                return current;
            }

            current = next;
        }
    }

    /// <summary>Folds case, accents, punctuation and whitespace (see the type's remarks for the rules).</summary>
    public static string Normalize(string text)
    {
        var words = NormalizeCore(text, keepPunctuation: false);
        return words.Length > 0 ? words : NormalizeCore(text, keepPunctuation: true);
    }

    private static string StripOneSuffix(string title)
    {
        var bracket = TrailingBracket().Match(title);
        if (bracket.Success && IsRemovable(bracket.Groups["inner"].Value))
        {
            return title[..bracket.Index].TrimEnd();
        }

        var dash = TrailingDashSegment().Match(title);
        if (dash.Success && IsRemovable(dash.Groups["inner"].Value))
        {
            return title[..dash.Index].TrimEnd();
        }

        var feat = TrailingBareFeaturing().Match(title);
        return feat.Success ? title[..feat.Index].TrimEnd() : title;
    }

    private static string StripFeaturing(string name)
    {
        var current = name;
        while (true)
        {
            var bracket = TrailingBracket().Match(current);
            if (bracket.Success && IsFeaturing(bracket.Groups["inner"].Value))
            {
                current = current[..bracket.Index].TrimEnd();
                continue;
            }

            var feat = TrailingBareFeaturing().Match(current);
            if (feat.Success && feat.Index > 0)
            {
                current = current[..feat.Index].TrimEnd();
                continue;
            }

            return current;
        }
    }

    private static bool IsRemovable(string inner) => IsFeaturing(inner) || IsEditionDescriptor(inner);

    private static bool IsFeaturing(string inner) => LeadingFeaturing().IsMatch(inner.Trim());

    private static bool IsEditionDescriptor(string inner)
    {
        var words = NormalizeCore(inner, keepPunctuation: false).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hasMarker = false;
        foreach (var word in words)
        {
            if (EditionMarkers.Contains(word))
            {
                hasMarker = true;
            }
            else if (!EditionFillers.Contains(word) && !YearOrOrdinal().IsMatch(word))
            {
                return false;
            }
        }

        return hasMarker;
    }

    private static string NormalizeCore(string text, bool keepPunctuation)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        var pendingSpace = false;
        var lastBase = '\0';

        void Append(string s)
        {
            if (pendingSpace && builder.Length > 0)
            {
                builder.Append(' ');
            }

            pendingSpace = false;
            builder.Append(s);
        }

        for (var i = 0; i < decomposed.Length; i++)
        {
            var c = decomposed[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                if (!DropsMark(lastBase, c))
                {
                    builder.Append(c);
                }

                continue;
            }

            if (c == '\u0640')
            {
                continue; // Arabic tatweel only stretches a word.
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = true;
                continue;
            }

            if (!keepPunctuation && IsPunctuation(category))
            {
                if (c == '&')
                {
                    pendingSpace = true;
                    Append("and");
                    pendingSpace = true;
                }
                else if (!IsSilentPunctuation(c))
                {
                    pendingSpace = true;
                }

                continue;
            }

            lastBase = c;
            Append(Fold(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static bool IsPunctuation(UnicodeCategory category) => category is UnicodeCategory.ConnectorPunctuation
        or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation
        or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
        or UnicodeCategory.OtherPunctuation;

    // Apostrophes and dots join what they sit between (Don't, M.I.A.); everything else separates words.
    private static bool IsSilentPunctuation(char c) => c is '\'' or '’' or '‘' or 'ʼ' or '`' or '.' or '·';

    private static bool DropsMark(char baseChar, char mark)
    {
        if (mark is >= '\u064B' and <= '\u065F' or '\u0670')
        {
            return true; // Arabic harakat: optional vowel marks.
        }

        if (baseChar is >= 'A' and <= 'Z' or >= 'a' and <= 'z')
        {
            return true;
        }

        if (baseChar is >= '\u0370' and <= '\u03FF')
        {
            return true; // Greek tonos and dialytika.
        }

        // ё is commonly written е; other Cyrillic marks (й, ї) make different letters.
        return baseChar is 'е' or 'Е' && mark == '\u0308';
    }

    private static string Fold(char c) => c switch
    {
        'ß' or 'ẞ' => "ss",
        'ø' or 'Ø' => "o",
        'æ' or 'Æ' => "ae",
        'œ' or 'Œ' => "oe",
        'ł' or 'Ł' => "l",
        'đ' or 'Đ' or 'ð' or 'Ð' => "d",
        'þ' or 'Þ' => "th",
        'ı' => "i",
        'ς' => "σ",
        _ => char.ToLowerInvariant(c).ToString(),
    };

    [GeneratedRegex(@"\s*[\(\[](?<inner>[^\(\)\[\]]*)[\)\]]\s*$")]
    private static partial Regex TrailingBracket();

    [GeneratedRegex(@"\s+[-–—]\s+(?<inner>[^-–—]+)$")]
    private static partial Regex TrailingDashSegment();

    [GeneratedRegex(@"\s+(feat\.?|ft\.|featuring)\s+\S.*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingBareFeaturing();

    [GeneratedRegex(@"^(feat\.?|ft\.?|featuring|with)\s+\S", RegexOptions.IgnoreCase)]
    private static partial Regex LeadingFeaturing();

    [GeneratedRegex(@"^(\d{4}|\d+(st|nd|rd|th))$")]
    private static partial Regex YearOrOrdinal();
}
