using SkiaSharp;

namespace SpotifyLocal.Core.Charts;

/// <summary>A piece of a label drawn with one typeface, chosen because it has glyphs for every character of the piece.</summary>
public sealed record TextRun(string Text, SKTypeface Typeface);
