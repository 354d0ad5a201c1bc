using SpotifyLocal.Core.Charts;

namespace SpotifyLocal.Tests.Charts;

public sealed class ChartFontsTests
{
    public static TheoryData<string> NamesInEveryScript =>
    [
        "宇多田ヒカル", "Сплин", "Björk", "🎧 lofi", "Ελευθερία Αρβανιτάκη", "عمرو دياب", "아이유", "Sigur Rós – Hoppípolla",
    ];

    [Theory]
    [MemberData(nameof(NamesInEveryScript))]
    public void Every_character_of_a_name_is_drawn_with_a_font_that_has_it(string name)
    {
        InstalledFonts.RequireEveryScript();
        var runs = ChartFonts.Shared.Split(name);

        Assert.Equal(name, string.Concat(runs.Select(r => r.Text)));
        foreach (var run in runs)
        {
            foreach (var codepoint in ChartFonts.VisibleCodepoints(run.Text))
            {
                Assert.True(
                    run.Typeface.ContainsGlyph(codepoint),
                    $"No installed font covers U+{codepoint:X4} in “{name}” (run drawn with {run.Typeface.FamilyName}). "
                    + $"Install the fonts: apt-get install -y {ChartFonts.AptPackages} (CI's .ci/run and the Dockerfile do).");
            }
        }
    }

    [Fact]
    public void An_emoji_is_drawn_with_the_emoji_font_and_the_words_with_a_text_font()
    {
        InstalledFonts.RequireEveryScript();
        var runs = ChartFonts.Shared.Split("🎧 lofi");

        Assert.True(
            runs[0].Typeface.FamilyName.Contains("Emoji", StringComparison.OrdinalIgnoreCase),
            $"🎧 was drawn with {runs[0].Typeface.FamilyName}, not an emoji font. Install: apt-get install -y {ChartFonts.AptPackages}");
        Assert.Equal("🎧", runs[0].Text);
        Assert.Equal("lofi", runs[^1].Text.Trim());
        Assert.DoesNotContain("Emoji", runs[^1].Typeface.FamilyName, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_arabic_name_stays_one_run_so_it_is_shaped_right_to_left_as_a_whole()
    {
        InstalledFonts.RequireEveryScript();
        var runs = ChartFonts.Shared.Split("عمرو دياب");

        Assert.Single(runs);
    }

    [Fact]
    public void Long_names_are_cut_with_an_ellipsis_to_fit()
    {
        var painter = new ChartTextPainter(ChartFonts.Shared);
        const string name = "Bohemian Rhapsody and a very long subtitle that goes on and on — 宇多田ヒカル";

        var cut = painter.Truncate(name, 18, 200);

        Assert.EndsWith("…", cut);
        Assert.True(painter.Measure(cut, 18) <= 200);
        Assert.StartsWith("Bohemian", cut);
        Assert.Equal("Björk", painter.Truncate("Björk", 18, 200));
    }
}
