using SkiaSharp;

namespace SpotifyLocal.Core.Summaries;

/// <summary>Stacks chart PNGs of equal width into one image, top to bottom (a user summary's artists over its tracks).</summary>
internal static class SummaryChartStack
{
    public static byte[] Stack(IReadOnlyList<byte[]> pngs)
    {
        var bitmaps = pngs.Select(p => SKBitmap.Decode(p) ?? throw new InvalidOperationException("A chart did not decode as PNG.")).ToList();
        try
        {
            var width = bitmaps.Max(b => b.Width);
            var height = bitmaps.Sum(b => b.Height);
            using var surface = SKSurface.Create(new SKImageInfo(width, height));
            var y = 0f;
            foreach (var bitmap in bitmaps)
            {
                surface.Canvas.DrawBitmap(bitmap, 0, y);
                y += bitmap.Height;
            }

            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Png, 100)
                ?? throw new InvalidOperationException("SkiaSharp could not encode the summary as PNG.");
            return data.ToArray();
        }
        finally
        {
            foreach (var bitmap in bitmaps)
            {
                bitmap.Dispose();
            }
        }
    }
}
