using System.Globalization;
using ScottPlot;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Charts;

// The insight charts (streaks, discoveries), pure like the rest: data in, PNG out.
public sealed partial class ChartRenderer
{
    /// <summary>Per-artist streaks as horizontal bars: the longest streak dim, the current one bright over it.</summary>
    public byte[] RenderStreaks(ListeningStreaks streaks, ChartHeader header)
    {
        var title = $"Listening streaks · {header.UserName}";
        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"current {streaks.Current?.Days ?? 0} d · longest {streaks.Longest?.Days ?? 0} d{Range(streaks.Longest)} · days in {streaks.TimeZoneId}");
        var artists = streaks.Artists;
        lock (_gate)
        {
            if (artists.Count == 0)
            {
                return RenderEmpty(title, subtitle);
            }

            var plot = NewPlot();
            var padding = new PixelPadding(NameColumnRight, 40, 55, 110);
            plot.Layout.Fixed(padding);
            var n = artists.Count;
            var bars = new List<Bar>(n * 2);
            for (var rank = 0; rank < n; rank++)
            {
                bars.Add(new Bar
                {
                    Position = n - 1 - rank,
                    Value = artists[rank].Longest.Days,
                    Size = 0.72,
                    FillColor = ChartTheme.ToScottPlot(ChartTheme.AccentDim),
                    LineWidth = 0,
                    Orientation = Orientation.Horizontal,
                });
                if (artists[rank].Current is { } current)
                {
                    bars.Add(new Bar
                    {
                        Position = n - 1 - rank,
                        Value = current.Days,
                        Size = 0.4,
                        FillColor = ChartTheme.ToScottPlot(ChartTheme.Accent),
                        LineWidth = 0,
                        Orientation = Orientation.Horizontal,
                    });
                }
            }

            plot.Add.Bars(bars);
            var max = Math.Max(1, artists.Max(a => a.Longest.Days));
            plot.Axes.SetLimits(0, max * 1.3, -0.5, n - 0.5);
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Left.MinorTickStyle.Length = 0;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.Axes.Bottom.Label.Text = "days in a row (bright: current streak)";

            return Render(plot, canvas =>
            {
                DrawTitle(canvas, title, subtitle);
                var rowHeight = (float)(Height - padding.Top - padding.Bottom) / n;
                var nameSize = Math.Clamp(rowHeight * 0.42f, 10f, 22f);
                var valueSize = Math.Clamp(rowHeight * 0.38f, 9f, 18f);
                for (var rank = 0; rank < n; rank++)
                {
                    var artist = artists[rank];
                    var center = plot.GetPixel(new Coordinates(0, n - 1 - rank)).Y;
                    _text.Draw(canvas, _text.Truncate(artist.ArtistName, nameSize, NameColumnRight - 40), 24, center + (nameSize * 0.35f), nameSize, ChartTheme.Text);
                    var valueText = string.Create(CultureInfo.InvariantCulture, $"{artist.Longest.Days} d")
                        + (artist.Current is { } current ? string.Create(CultureInfo.InvariantCulture, $" · now {current.Days} d") : string.Empty);
                    var barEnd = plot.GetPixel(new Coordinates(artist.Longest.Days, 0)).X;
                    _text.Draw(canvas, valueText, barEnd + 8, center + (valueSize * 0.35f), valueSize, ChartTheme.Text);
                }
            });
        }
    }

    /// <summary>The discovered artists or tracks, ranked by plays since their first play.</summary>
    public byte[] RenderDiscoveries(DiscoveryList discoveries, TopKind kind, ChartHeader header)
    {
        var what = kind == TopKind.Artists ? "artists" : "tracks";
        var title = $"New {what} · {header.UserName}";
        var subtitle = string.Create(
            CultureInfo.InvariantCulture,
            $"first played {header.PeriodLabel} · {discoveries.Total:N0} new · by plays since");
        return RenderRanked(discoveries.Items, kind, title, subtitle, ChartMeasure.Plays);
    }

    private static string Range(Streak? streak) => streak is null
        ? string.Empty
        : $" ({streak.First.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {streak.Last.ToString("d MMM yyyy", CultureInfo.InvariantCulture)})";
}
