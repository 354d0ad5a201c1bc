using SkiaSharp;
using SpotifyLocal.Core.Charts;

namespace SpotifyLocal.Tests.Charts;

/// <summary>
/// Font-coverage tests need the Noto fonts (CJK, Arabic, colour emoji). On a machine without them they are
/// reported as skipped with the install command; CI (<c>.ci/run</c>) installs the fonts and sets
/// <c>SPOTIFYLOCAL_REQUIRE_FONTS=1</c>, so there a missing font fails instead of skipping.
/// </summary>
public static class InstalledFonts
{
    private static readonly string[] Required = ["Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", "Noto Color Emoji"];

    private static readonly Lazy<string[]> Missing = new(() =>
    {
        var installed = SKFontManager.Default.GetFontFamilies().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return Required.Where(f => !installed.Contains(f)).ToArray();
    });

    public static void RequireEveryScript()
    {
        if (Missing.Value.Length == 0 || Environment.GetEnvironmentVariable("SPOTIFYLOCAL_REQUIRE_FONTS") == "1")
        {
            return;
        }

        Assert.Skip($"Fonts missing ({string.Join(", ", Missing.Value)}): apt-get install -y {ChartFonts.AptPackages}");
    }
}
