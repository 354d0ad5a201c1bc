using System.Globalization;
using ScottPlot;
using SkiaSharp;
using SpotifyLocal.Core.Insights;

namespace SpotifyLocal.Core.Charts;

// The skip and taste-overlap charts, pure like the rest: data in, PNG out.
public sealed partial class ChartRenderer
{
    // The second person's colour in a comparison: Spotify's blue beside the green accent.
    private static readonly SKColor OtherPerson = SKColor.Parse("#509BF5");

    /// <summary>
    /// Skip rate by artist as horizontal bars (percent, "7 of 15" on each); when no artist has enough plays with skip data,
    /// the most skipped tracks by skip rate instead.
    /// </summary>
    public byte[] RenderSkips(SkipReport skips, ChartHeader header)
    {
        var byArtist = skips.Artists.Count > 0;
        var title = $"Skips · {header.UserName}";
        var rate = skips.Rate is { } r ? Percent(r) : "–";
        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"{header.PeriodLabel} · {rate} skipped of {skips.PlaysWithSkipData:N0} plays with skip data ({skips.Plays:N0} in all)")
            + (byArtist ? string.Create(CultureInfo.InvariantCulture, $" · artists with ≥ {SkipRateService.MinArtistPlays}") : " · most skipped tracks");
        var rows = byArtist
            ? skips.Artists.Select(a => new BarRow(a.Name, [(a.Rate * 100, ChartTheme.Accent, $"{Percent(a.Rate)} · {a.Skipped:N0} of {a.Plays:N0}")])).ToList()
            : skips.Tracks.Select(t => new BarRow($"{t.Name} — {t.ArtistName}", [(t.Rate * 100, ChartTheme.Accent, $"{Percent(t.Rate)} · {t.Skipped:N0} of {t.Plays:N0}")])).ToList();
        // Room for the labels past the longest bar, but no axis ticks past 100 %.
        var max = rows.Count == 0 ? 1 : rows.Max(r => r.Bars.Max(b => b.Value));
        return RenderBarRows(title, subtitle, rows, "skip rate (%)", max, ticksUpTo: 100);
    }

    /// <summary>The shared artists side by side: each one's share of their own plays in the period, the first person in green.</summary>
    public byte[] RenderComparison(TasteComparison comparison, string name, string otherName, string periodLabel)
    {
        var title = $"{name} × {otherName} · {Percent(comparison.Overlap)} taste overlap";
        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"{periodLabel} · {comparison.SharedArtistCount:N0} artists in common · green {name}, blue {otherName} · share of each one's plays");
        var rows = comparison.Shared
            .Select(s => new BarRow(s.Name,
            [
                (s.Share * 100, ChartTheme.Accent, string.Create(CultureInfo.InvariantCulture, $"{Percent(s.Share)} · {s.Plays:N0}")),
                (s.OtherShare * 100, OtherPerson, string.Create(CultureInfo.InvariantCulture, $"{Percent(s.OtherShare)} · {s.OtherPlays:N0}")),
            ]))
            .ToList();
        var max = rows.Count == 0 ? 1 : rows.Max(r => r.Bars.Max(b => b.Value));
        return RenderBarRows(title, subtitle, rows, "share of each one's plays (%)", max);
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    // One row per name, one to two bars per row (each with its own colour and label), highest row first.
    private byte[] RenderBarRows(string title, string subtitle, IReadOnlyList<BarRow> rows, string axisLabel, double max, int? ticksUpTo = null)
    {
        lock (_gate)
        {
            if (rows.Count == 0)
            {
                return RenderEmpty(title, subtitle);
            }

            var plot = NewPlot();
            var padding = new PixelPadding(NameColumnRight, 40, 55, 110);
            plot.Layout.Fixed(padding);
            var n = rows.Count;
            var bars = new List<Bar>();
            for (var rank = 0; rank < n; rank++)
            {
                var row = rows[rank];
                var size = 0.72 / row.Bars.Count;
                for (var i = 0; i < row.Bars.Count; i++)
                {
                    bars.Add(new Bar
                    {
                        Position = BarPosition(n, rank, i, row.Bars.Count),
                        Value = row.Bars[i].Value,
                        Size = size,
                        FillColor = ChartTheme.ToScottPlot(row.Bars[i].Color),
                        LineWidth = 0,
                        Orientation = Orientation.Horizontal,
                    });
                }
            }

            plot.Add.Bars(bars);
            plot.Axes.SetLimits(0, Math.Max(1, max) * 1.3, -0.5, n - 0.5);
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Left.MinorTickStyle.Length = 0;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.Axes.Bottom.Label.Text = axisLabel;
            if (ticksUpTo is { } last)
            {
                var ticks = new ScottPlot.TickGenerators.NumericManual();
                for (var tick = 0; tick <= last; tick += 10)
                {
                    ticks.AddMajor(tick, tick.ToString(CultureInfo.InvariantCulture));
                }

                plot.Axes.Bottom.TickGenerator = ticks;
            }

            return Render(plot, canvas =>
            {
                DrawTitle(canvas, title, subtitle);
                var rowHeight = (float)(Height - padding.Top - padding.Bottom) / n;
                var nameSize = Math.Clamp(rowHeight * 0.42f, 10f, 22f);
                for (var rank = 0; rank < n; rank++)
                {
                    var row = rows[rank];
                    var center = plot.GetPixel(new Coordinates(0, n - 1 - rank)).Y;
                    _text.Draw(canvas, _text.Truncate(row.Name, nameSize, NameColumnRight - 40), 24, center + (nameSize * 0.35f), nameSize, ChartTheme.Text);
                    var valueSize = Math.Clamp(rowHeight * 0.38f / row.Bars.Count, 9f, 18f);
                    for (var i = 0; i < row.Bars.Count; i++)
                    {
                        var bar = row.Bars[i];
                        var at = plot.GetPixel(new Coordinates(bar.Value, BarPosition(n, rank, i, row.Bars.Count)));
                        _text.Draw(canvas, bar.Label, at.X + 8, at.Y + (valueSize * 0.35f), valueSize, ChartTheme.Text);
                    }
                }
            });
        }
    }

    // The first bar of a row on top: rows count down from n - 1, a row's bars split its 0.72 height.
    private static double BarPosition(int n, int rank, int bar, int barsInRow) =>
        n - 1 - rank + (barsInRow == 1 ? 0 : (0.18 - (bar * 0.36)));

    private sealed record BarRow(string Name, IReadOnlyList<(double Value, SKColor Color, string Label)> Bars);
}
