using SkiaSharp;

namespace SpotifyLocal.Core.Charts;

/// <summary>The dark palette and sizes shared by every chart; dark enough for Discord's and Telegram's dark modes, contrasty enough for their light ones.</summary>
internal static class ChartTheme
{
    public const int Width = 1200;
    public const int Height = 675;

    public static readonly SKColor Background = SKColor.Parse("#121212");
    public static readonly SKColor DataBackground = SKColor.Parse("#181818");
    public static readonly SKColor Grid = SKColor.Parse("#2A2A2A");
    public static readonly SKColor Axis = SKColor.Parse("#B3B3B3");
    public static readonly SKColor Text = SKColor.Parse("#FFFFFF");
    public static readonly SKColor MutedText = SKColor.Parse("#A7A7A7");
    public static readonly SKColor Accent = SKColor.Parse("#1ED760");
    public static readonly SKColor AccentDim = SKColor.Parse("#169C46");

    public static ScottPlot.Color ToScottPlot(SKColor color) => new(color.Red, color.Green, color.Blue, color.Alpha);
}
