using SkiaSharp;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Charts;

public sealed class ChartRendererTests
{
    private static readonly ChartHeader Header = new("Ана 🎧", "last 30 days");
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ChartRenderer _renderer = new();

    [Fact]
    public void A_top_chart_is_a_1200_by_675_png_with_bars_and_names()
    {
        TopItem[] items =
        [
            Item("First Love", "宇多田ヒカル", 120),
            Item("Выхода нет", "Сплин", 90),
            Item("Jóga", "Björk", 60),
            Item("🎧 lofi beats to study to", "Lofi Girl", 45),
            Item("Τα Λόγια Τα Φορεμένα", "Ελευθερία Αρβανιτάκη", 30),
            Item("تملي معاك", "عمرو دياب", 20),
            Item("A title so long that it can never fit in the name column of the chart, not even close", "Someone", 10),
        ];

        using var bitmap = Decode(_renderer.RenderTop(items, TopKind.Tracks, Header));

        AssertChartSize(bitmap);
        Assert.True(CountAccentPixels(bitmap) > 5_000, "the bars should be drawn in the accent colour");
        Assert.True(CountNonBackground(bitmap, 0, 110, 470, 620) > 2_000, "the names should be drawn left of the bars");
    }

    [Fact]
    public void Emoji_in_names_are_drawn_in_colour()
    {
        InstalledFonts.RequireEveryScript();
        using var bitmap = Decode(_renderer.RenderTop([Item("🎧🔥🌈", "Lofi Girl", 3)], TopKind.Tracks, Header));

        Assert.True(CountColourful(bitmap, 0, 110, 470, 620) > 50, $"colour emoji should appear in the name column (needs fonts-noto-color-emoji: apt-get install -y {ChartFonts.AptPackages})");
    }

    [Fact]
    public void An_artist_chart_by_minutes_renders()
    {
        var items = Enumerable.Range(1, 50).Select(i => Item($"Artist {i}", null, 100 - i)).ToList();

        using var bitmap = Decode(_renderer.RenderTop(items, TopKind.Artists, Header, ChartMeasure.Minutes));

        AssertChartSize(bitmap);
        Assert.True(CountAccentPixels(bitmap) > 5_000);
    }

    [Fact]
    public void Listening_per_day_renders_short_and_long_periods()
    {
        var month = Enumerable.Range(0, 30).Select(i => new DailyListening(new DateOnly(2026, 3, 1).AddDays(i), i, i * 60_000L)).ToList();
        var years = Enumerable.Range(0, 900).Select(i => new DailyListening(new DateOnly(2024, 1, 1).AddDays(i), 1, (i % 90) * 60_000L)).ToList();

        using var short_ = Decode(_renderer.RenderDailyListening(month, Header));
        using var long_ = Decode(_renderer.RenderDailyListening(years, Header));

        AssertChartSize(short_);
        AssertChartSize(long_);
        Assert.True(CountAccentPixels(short_) > 2_000);
        Assert.True(CountAccentPixels(long_) > 2_000);
    }

    [Fact]
    public void The_listening_clock_renders_a_heatmap()
    {
        var clock = new ListeningClock();
        for (var hour = 0; hour < 24; hour++)
        {
            clock.Add(DayOfWeek.Monday, hour, 1, hour * 60_000L);
            clock.Add(DayOfWeek.Saturday, hour, 2, (24 - hour) * 60_000L);
        }

        using var bitmap = Decode(_renderer.RenderListeningClock(clock, Header));

        AssertChartSize(bitmap);
        Assert.True(DistinctColours(bitmap) > 100, "a heatmap has many shades");
    }

    [Fact]
    public void An_empty_period_renders_a_message_instead_of_an_empty_plot()
    {
        using var bitmap = Decode(_renderer.RenderTop([], TopKind.Albums, Header));

        AssertChartSize(bitmap);
        Assert.True(CountNonBackground(bitmap, 300, 280, 900, 400) > 500, "the no-plays message should be drawn in the middle");
        Assert.Equal(0, CountAccentPixels(bitmap));
    }

    private static TopItem Item(string name, string? artist, int plays) =>
        new(name.ToLowerInvariant(), name, artist, plays, plays * 200_000L, At, At.AddDays(1));

    private static SKBitmap Decode(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        return SKBitmap.Decode(png) ?? throw new Xunit.Sdk.XunitException("The PNG could not be decoded.");
    }

    private static void AssertChartSize(SKBitmap bitmap)
    {
        Assert.Equal(1200, bitmap.Width);
        Assert.Equal(675, bitmap.Height);
        Assert.True(DistinctColours(bitmap) > 20, "the chart should not be blank");
    }

    private static int DistinctColours(SKBitmap bitmap)
    {
        var colours = new HashSet<uint>();
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                colours.Add((uint)bitmap.GetPixel(x, y));
            }
        }

        return colours.Count;
    }

    private static int CountAccentPixels(SKBitmap bitmap) =>
        Count(bitmap, 0, 0, bitmap.Width, bitmap.Height, c => c.Green > 120 && c.Green > c.Red + 60 && c.Green > c.Blue + 40);

    private static int CountNonBackground(SKBitmap bitmap, int left, int top, int right, int bottom) =>
        Count(bitmap, left, top, right, bottom, c => c.Red + c.Green + c.Blue > 3 * 0x40);

    private static int CountColourful(SKBitmap bitmap, int left, int top, int right, int bottom) =>
        Count(bitmap, left, top, right, bottom, c => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 80);

    private static int Count(SKBitmap bitmap, int left, int top, int right, int bottom, Func<SKColor, bool> predicate)
    {
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                if (predicate(bitmap.GetPixel(x, y)))
                {
                    count++;
                }
            }
        }

        return count;
    }
}
