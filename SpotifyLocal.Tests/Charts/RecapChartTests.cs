using SkiaSharp;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Charts;

/// <summary>The /recap image: one tall 1080×1920 PNG, small enough for any chat upload limit.</summary>
public sealed class RecapChartTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ChartHeader Header = new("Ана 🎧", "2026 so far");
    private readonly ChartRenderer _renderer = new();

    [Fact]
    public void A_recap_is_one_tall_1080_by_1920_png_with_months_hours_and_lists()
    {
        var png = _renderer.RenderRecap(Sample(), Header);

        using var bitmap = Decode(png);
        Assert.Equal((1080, 1920), (bitmap.Width, bitmap.Height));
        Assert.True(Count(bitmap, 0, 0, 1080, 1920, IsAccent) > 10_000, "the month and hour bars should be drawn in the accent colour");
        Assert.True(Count(bitmap, 0, 0, 1080, 200, IsText) > 1_000, "the title should be drawn at the top");
        Assert.True(Count(bitmap, 0, 1000, 1080, 1850, IsText) > 5_000, "the top lists should fill the lower half");
        // Discord's smallest attachment limit is 10 MiB and Telegram's photo limit 10 MB: far below either.
        Assert.True(png.Length < 2 * 1024 * 1024, $"the PNG is {png.Length:N0} bytes");
    }

    [Fact]
    public void A_recap_without_plays_is_the_same_size_and_says_so()
    {
        var period = new Period("2024", At.AddYears(-2), At.AddYears(-1), Berlin);
        var empty = new Recap(period, 0, 0, 0, null, [], new long[24], [], [], [], DiscoveryList.Empty, 0, 0);

        using var bitmap = Decode(_renderer.RenderRecap(empty, Header with { PeriodLabel = "2024" }));

        Assert.Equal((1080, 1920), (bitmap.Width, bitmap.Height));
        Assert.Equal(0, Count(bitmap, 0, 0, 1080, 1920, IsAccent));
    }

    private static Recap Sample()
    {
        var period = new Period("2026 so far", new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), At, Berlin);
        var hours = Enumerable.Range(0, 24).Select(h => (long)(h * 60_000 * (h % 5 + 1))).ToArray();
        TopItem[] artists = [Item("宇多田ヒカル", null, 120), Item("Сплин", null, 90), Item("Björk", null, 60), Item("عمرو دياب", null, 20), Item("Lofi Girl", null, 10)];
        TopItem[] tracks =
        [
            Item("First Love", "宇多田ヒカル", 50), Item("Выхода нет", "Сплин", 40), Item("Jóga", "Björk", 30),
            Item("A title so long that it can never fit in its column of the recap, not even close", "Someone", 20), Item("تملي معاك", "عمرو دياب", 10),
        ];
        TopItem[] albums = [Item("First Love", "宇多田ヒカル", 70), Item("Гранатовый альбом", "Сплин", 50), Item("Homogenic", "Björk", 30)];
        return new Recap(
            period,
            Plays: 3_456,
            MsPlayed: 12_345L * 60_000,
            ListeningDays: 58,
            LongestStreak: new Streak(new(2026, 1, 3), new(2026, 1, 19)),
            Months: [new RecapMonth(2026, 1, 1_500, 5_000L * 60_000), new RecapMonth(2026, 2, 1_000, 4_000L * 60_000), new RecapMonth(2026, 3, 956, 3_345L * 60_000)],
            MsPlayedByHour: hours,
            TopArtists: artists,
            TopTracks: tracks,
            TopAlbums: albums,
            Discoveries: new DiscoveryList(12, [Item("Xiu Xiu", null, 44), Item("Ελευθερία Αρβανιτάκη", null, 12)]),
            PlaysWithSkipData: 2_000,
            Skipped: 250);
    }

    private static TopItem Item(string name, string? artist, int plays) =>
        new(name.ToLowerInvariant(), name, artist, plays, plays * 200_000L, At, At.AddDays(1));

    private static SKBitmap Decode(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        return SKBitmap.Decode(png) ?? throw new Xunit.Sdk.XunitException("The PNG could not be decoded.");
    }

    private static bool IsAccent(SKColor c) => c.Green > 120 && c.Green > c.Red + 60 && c.Green > c.Blue + 40;

    private static bool IsText(SKColor c) => c.Red + c.Green + c.Blue > 3 * 0x40;

    private static int Count(SKBitmap bitmap, int left, int top, int right, int bottom, Func<SKColor, bool> predicate)
    {
        var count = 0;
        for (var y = top; y < bottom; y += 2)
        {
            for (var x = left; x < right; x += 2)
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
