using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using SkiaSharp;

namespace SpotifyLocal.Core.Charts;

/// <summary>
/// Font fallback for chart labels: splits a text into runs, each drawn with an installed typeface that
/// covers its characters (Latin, Cyrillic and Greek from Noto Sans, Arabic from Noto Sans Arabic, CJK from
/// Noto Sans CJK, emoji from Noto Color Emoji, anything else from the first installed font that has it).
/// </summary>
/// <remarks>
/// SkiaSharp's Linux build without fontconfig finds the installed fonts but cannot match a character
/// (<c>SKFontManager.MatchCharacter</c> returns null), so the fallback chain is searched here.
/// </remarks>
public sealed class ChartFonts
{
    /// <summary>The apt packages that provide the fonts the charts expect (Debian/Ubuntu).</summary>
    public const string AptPackages = "fontconfig fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji";

    private static readonly string[] PreferredFamilies =
    [
        "Noto Sans", "DejaVu Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans CJK JP", "Noto Sans CJK SC",
        "Noto Sans CJK KR", "Noto Sans Hebrew", "Noto Sans Devanagari", "Noto Sans Thai", "Noto Color Emoji",
        "Noto Sans Symbols", "Noto Sans Symbols 2", "Noto Sans Math",
    ];

    private static readonly Lazy<ChartFonts> SharedInstance = new(() => new ChartFonts(SKFontManager.Default));

    private readonly SKFontManager _manager;
    private readonly List<SKTypeface> _preferred = [];
    private readonly Lazy<IReadOnlyList<SKTypeface>> _others;
    private readonly SKTypeface? _emoji;
    private readonly ConcurrentDictionary<int, SKTypeface?> _byCodepoint = new();

    private ChartFonts(SKFontManager manager)
    {
        _manager = manager;
        foreach (var family in PreferredFamilies)
        {
            if (Load(family) is { } typeface)
            {
                _preferred.Add(typeface);
            }
        }

        _emoji = _preferred.FirstOrDefault(t => t.FamilyName.Contains("Emoji", StringComparison.OrdinalIgnoreCase));
        Primary = _preferred.FirstOrDefault() ?? SKTypeface.Default;
        _others = new Lazy<IReadOnlyList<SKTypeface>>(LoadOthers);
    }

    /// <summary>The fonts installed on this machine, loaded once.</summary>
    public static ChartFonts Shared => SharedInstance.Value;

    /// <summary>The typeface for Latin text, numbers and anything nothing better covers.</summary>
    public SKTypeface Primary { get; }

    /// <summary>Splits the text into runs that each have one covering typeface (or <see cref="Primary"/> when none is installed).</summary>
    public IReadOnlyList<TextRun> Split(string text)
    {
        var runs = new List<TextRun>();
        var current = new StringBuilder();
        SKTypeface? currentTypeface = null;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var element = elements.GetTextElement();
            var typeface = Choose(element, currentTypeface);
            if (currentTypeface is not null && !ReferenceEquals(typeface, currentTypeface))
            {
                runs.Add(new TextRun(current.ToString(), currentTypeface));
                current.Clear();
            }

            currentTypeface = typeface;
            current.Append(element);
        }

        if (currentTypeface is not null)
        {
            runs.Add(new TextRun(current.ToString(), currentTypeface));
        }

        return runs;
    }

    /// <summary>The installed typeface that has a glyph for the code point, or null when none has.</summary>
    public SKTypeface? Find(int codepoint) => _byCodepoint.GetOrAdd(codepoint, FindUncached);

    /// <summary>The code points a typeface must have glyphs for to draw the text (joiners and variation selectors excluded).</summary>
    public static IEnumerable<int> VisibleCodepoints(string text)
    {
        for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            var codepoint = char.ConvertToUtf32(text, i);
            if (codepoint is not (0x200D or 0xFE0E or 0xFE0F or 0x20E3) && !(codepoint is >= 0x1F3FB and <= 0x1F3FF))
            {
                yield return codepoint;
            }
        }
    }

    private SKTypeface Choose(string element, SKTypeface? current)
    {
        var first = char.ConvertToUtf32(element, 0);
        if (IsEmoji(element, first) && _emoji is not null && _emoji.ContainsGlyph(first))
        {
            return _emoji;
        }

        // Spaces, digits and punctuation stay in the running text typeface so a right-to-left or CJK run is
        // shaped whole; the emoji font's spaces are too wide.
        if (current is not null && current != _emoji && !char.IsLetter(element, 0) && Covers(current, element))
        {
            return current;
        }

        if (Covers(Primary, element))
        {
            return Primary;
        }

        return Find(first) ?? Primary;
    }

    private static bool Covers(SKTypeface typeface, string element) =>
        VisibleCodepoints(element).All(typeface.ContainsGlyph);

    private static bool IsEmoji(string element, int first) =>
        first >= 0x1F000 || element.Contains('\uFE0F') || element.Contains('\u200D');

    private SKTypeface? FindUncached(int codepoint)
    {
        foreach (var typeface in _preferred)
        {
            if (typeface.ContainsGlyph(codepoint))
            {
                return typeface;
            }
        }

        return _others.Value.FirstOrDefault(t => t.ContainsGlyph(codepoint));
    }

    private IReadOnlyList<SKTypeface> LoadOthers()
    {
        var preferred = new HashSet<string>(_preferred.Select(t => t.FamilyName), StringComparer.OrdinalIgnoreCase);
        var others = new List<SKTypeface>();
        foreach (var family in _manager.FontFamilies.Order(StringComparer.Ordinal))
        {
            if (!preferred.Contains(family) && Load(family) is { } typeface)
            {
                others.Add(typeface);
            }
        }

        return others;
    }

    private SKTypeface? Load(string family)
    {
        var typeface = _manager.MatchFamily(family, SKFontStyle.Normal);
        return typeface is not null && string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase) ? typeface : null;
    }
}
