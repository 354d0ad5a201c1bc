using System.Collections.Concurrent;
using System.Globalization;
using SkiaSharp;
using SkiaSharp.HarfBuzz;

namespace SpotifyLocal.Core.Charts;

/// <summary>Measures, truncates and draws labels in any script: font fallback per run, HarfBuzz shaping (Arabic joining, right-to-left).</summary>
internal sealed class ChartTextPainter(ChartFonts fonts)
{
    private const string Ellipsis = "…";
    private readonly ConcurrentDictionary<SKTypeface, SKShaper> _shapers = new();

    public float Measure(string text, float size)
    {
        var width = 0f;
        foreach (var run in fonts.Split(text))
        {
            using var font = Font(run.Typeface, size);
            width += Shaper(run.Typeface).Shape(run.Text, font).Width;
        }

        return width;
    }

    /// <summary>The text, cut at a grapheme boundary and ended with "…" when it is wider than <paramref name="maxWidth"/>.</summary>
    public string Truncate(string text, float size, float maxWidth)
    {
        if (Measure(text, size) <= maxWidth)
        {
            return text;
        }

        var boundaries = StringInfo.ParseCombiningCharacters(text);
        int low = 0, high = boundaries.Length;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            var candidate = Cut(text, boundaries, middle);
            if (Measure(candidate, size) <= maxWidth)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Cut(text, boundaries, low);
    }

    /// <summary>Draws the text with its left edge at x (or right edge when <paramref name="alignRight"/>) on the baseline y.</summary>
    public void Draw(SKCanvas canvas, string text, float x, float y, float size, SKColor color, bool alignRight = false)
    {
        if (alignRight)
        {
            x -= Measure(text, size);
        }

        using var paint = new SKPaint { Color = color, IsAntialias = true };
        foreach (var run in fonts.Split(text))
        {
            using var font = Font(run.Typeface, size);
            var shaper = Shaper(run.Typeface);
            canvas.DrawShapedText(shaper, run.Text, x, y, font, paint);
            x += shaper.Shape(run.Text, font).Width;
        }
    }

    private static string Cut(string text, int[] boundaries, int elements) =>
        elements >= boundaries.Length ? text : text[..boundaries[elements]].TrimEnd() + Ellipsis;

    private static SKFont Font(SKTypeface typeface, float size) =>
        new(typeface, size) { Subpixel = true, Edging = SKFontEdging.Antialias };

    private SKShaper Shaper(SKTypeface typeface) => _shapers.GetOrAdd(typeface, t => new SKShaper(t));
}
