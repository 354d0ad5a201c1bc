using System.Globalization;
using ScottPlot;
using SkiaSharp;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Charts;

/// <summary>
/// Draws stats as 1200×675 PNG images with ScottPlot in a dark theme. Pure: data in, bytes out, no storage
/// or network. Labels in any script are drawn with per-run font fallback (<see cref="ChartFonts"/>).
/// </summary>
public sealed partial class ChartRenderer
{
    private const int Width = ChartTheme.Width;
    private const int Height = ChartTheme.Height;
    private const float NameColumnRight = 470;
    private readonly ChartTextPainter _text;
    private readonly string _axisFont;
    private readonly Lock _gate = new();

    public ChartRenderer()
        : this(ChartFonts.Shared)
    {
    }

    internal ChartRenderer(ChartFonts fonts)
    {
        _text = new ChartTextPainter(fonts);
        _axisFont = fonts.Primary.FamilyName;
    }

    /// <summary>A horizontal bar chart of a top list: rank and name on the left, plays or minutes on the bars.</summary>
    public byte[] RenderTop(IReadOnlyList<TopItem> items, TopKind kind, ChartHeader header, ChartMeasure measure = ChartMeasure.Plays)
    {
        var what = kind switch { TopKind.Artists => "artists", TopKind.Albums => "albums", _ => "tracks" };
        var title = $"Top {what} · {header.UserName}";
        var subtitle = $"{header.PeriodLabel} · by {(measure == ChartMeasure.Plays ? "plays" : "minutes listened")}";
        return RenderRanked(items, kind, title, subtitle, measure);
    }

    // A ranked bar chart (top lists, discoveries): rank and name on the left, plays or minutes on the bars.
    private byte[] RenderRanked(IReadOnlyList<TopItem> items, TopKind kind, string title, string subtitle, ChartMeasure measure)
    {
        lock (_gate)
        {
            if (items.Count == 0)
            {
                return RenderEmpty(title, subtitle);
            }

            var plot = NewPlot();
            var padding = new PixelPadding(NameColumnRight, 40, 55, 110);
            plot.Layout.Fixed(padding);
            var values = items.Select(i => Value(i, measure)).ToArray();
            var n = items.Count;
            var bars = new List<Bar>(n);
            for (var rank = 0; rank < n; rank++)
            {
                bars.Add(new Bar
                {
                    Position = n - 1 - rank,
                    Value = values[rank],
                    Size = 0.72,
                    FillColor = ChartTheme.ToScottPlot(rank == 0 ? ChartTheme.Accent : ChartTheme.AccentDim),
                    LineWidth = 0,
                    Orientation = Orientation.Horizontal,
                });
            }

            plot.Add.Bars(bars);
            var max = Math.Max(1, values.Max());
            plot.Axes.SetLimits(0, max * 1.18, -0.5, n - 0.5);
            plot.Axes.Left.TickLabelStyle.IsVisible = false;
            plot.Axes.Left.MajorTickStyle.Length = 0;
            plot.Axes.Left.MinorTickStyle.Length = 0;
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual();
            plot.Axes.Bottom.Label.Text = measure == ChartMeasure.Plays ? "plays" : "minutes";

            return Render(plot, canvas =>
            {
                DrawTitle(canvas, title, subtitle);
                var rowHeight = (float)(Height - padding.Top - padding.Bottom) / n;
                var nameSize = Math.Clamp(rowHeight * 0.42f, 10f, 22f);
                var twoLines = rowHeight >= 40 && kind != TopKind.Artists;
                var rankWidth = _text.Measure(n.ToString(CultureInfo.InvariantCulture), nameSize) + 12;
                var nameLeft = 24 + rankWidth;
                var nameWidth = NameColumnRight - 16 - nameLeft;
                for (var rank = 0; rank < n; rank++)
                {
                    var item = items[rank];
                    var center = plot.GetPixel(new Coordinates(0, n - 1 - rank)).Y;
                    var rankText = (rank + 1).ToString(CultureInfo.InvariantCulture);
                    _text.Draw(canvas, rankText, 24 + rankWidth - 12, center + (nameSize * 0.35f), nameSize, ChartTheme.MutedText, alignRight: true);
                    if (twoLines && item.ArtistName is { Length: > 0 } artist)
                    {
                        var artistSize = nameSize * 0.75f;
                        _text.Draw(canvas, _text.Truncate(item.Name, nameSize, nameWidth), nameLeft, center - 2, nameSize, ChartTheme.Text);
                        _text.Draw(canvas, _text.Truncate(artist, artistSize, nameWidth), nameLeft, center + artistSize + 2, artistSize, ChartTheme.MutedText);
                    }
                    else
                    {
                        var label = kind == TopKind.Artists || item.ArtistName is not { Length: > 0 } ? item.Name : $"{item.Name} — {item.ArtistName}";
                        _text.Draw(canvas, _text.Truncate(label, nameSize, nameWidth), nameLeft, center + (nameSize * 0.35f), nameSize, ChartTheme.Text);
                    }

                    var valueText = measure == ChartMeasure.Plays
                        ? item.Plays.ToString("N0", CultureInfo.InvariantCulture)
                        : $"{values[rank].ToString("N0", CultureInfo.InvariantCulture)} min";
                    var valueSize = Math.Clamp(rowHeight * 0.38f, 9f, 18f);
                    var barEnd = plot.GetPixel(new Coordinates(values[rank], 0)).X;
                    var valueWidth = _text.Measure(valueText, valueSize);
                    if (barEnd - NameColumnRight > valueWidth + 16)
                    {
                        _text.Draw(canvas, valueText, barEnd - 8, center + (valueSize * 0.35f), valueSize, ChartTheme.Background, alignRight: true);
                    }
                    else
                    {
                        _text.Draw(canvas, valueText, barEnd + 8, center + (valueSize * 0.35f), valueSize, ChartTheme.Text);
                    }
                }
            });
        }
    }

    /// <summary>Minutes listened on each local day of the period.</summary>
    public byte[] RenderDailyListening(IReadOnlyList<DailyListening> days, ChartHeader header)
    {
        var totalMinutes = days.Sum(d => d.MsPlayed) / 60_000d;
        var title = $"Listening time per day · {header.UserName}";
        var subtitle = $"{header.PeriodLabel} · {FormatHours(totalMinutes)} in total";
        lock (_gate)
        {
            if (days.Count == 0 || days.All(d => d.MsPlayed == 0))
            {
                return RenderEmpty(title, subtitle);
            }

            var plot = NewPlot();
            plot.Layout.Fixed(new PixelPadding(80, 40, 60, 110));
            var xs = days.Select(d => d.Day.ToDateTime(TimeOnly.MinValue).ToOADate()).ToArray();
            var ys = days.Select(d => d.MsPlayed / 60_000d).ToArray();
            if (days.Count <= 120)
            {
                var bars = plot.Add.Bars(xs, ys);
                bars.Color = ChartTheme.ToScottPlot(ChartTheme.Accent);
                foreach (var bar in bars.Bars)
                {
                    bar.Size = 0.8;
                    bar.LineWidth = 0;
                }
            }
            else
            {
                var line = plot.Add.ScatterLine(xs, ys, ChartTheme.ToScottPlot(ChartTheme.Accent));
                line.FillY = true;
                line.FillYColor = ChartTheme.ToScottPlot(ChartTheme.AccentDim.WithAlpha(140));
                line.LineWidth = 1.5f;
            }

            plot.Axes.Bottom.TickGenerator = DayTicks(days[0].Day, days[^1].Day);
            plot.Axes.SetLimits(xs[0] - 0.7, xs[^1] + 0.7, 0, Math.Max(1, ys.Max()) * 1.1);
            plot.Axes.Left.Label.Text = "minutes";
            ApplyAxisStyle(plot);
            return Render(plot, canvas => DrawTitle(canvas, title, subtitle));
        }
    }

    /// <summary>
    /// Labels on calendar boundaries: every 1st of the month (every few months for long spans, "MMM yyyy"), or
    /// every Monday for spans of up to two months ("d MMM"), so no month is labelled twice.
    /// </summary>
    private static ScottPlot.TickGenerators.NumericManual DayTicks(DateOnly first, DateOnly last)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var spanDays = last.DayNumber - first.DayNumber;
        if (spanDays <= 62)
        {
            var step = spanDays <= 14 ? 1 : 7;
            var day = step == 1 ? first : first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
            for (; day <= last; day = day.AddDays(step))
            {
                ticks.AddMajor(day.ToDateTime(TimeOnly.MinValue).ToOADate(), day.ToString("d MMM", CultureInfo.InvariantCulture));
            }

            return ticks;
        }

        var months = (last.Year - first.Year) * 12 + last.Month - first.Month;
        var monthStep = Math.Max(1, (int)Math.Ceiling(months / 12.0));
        var month = new DateOnly(first.Year, first.Month, 1);
        if (month < first)
        {
            month = month.AddMonths(1);
        }

        for (; month <= last; month = month.AddMonths(monthStep))
        {
            ticks.AddMajor(month.ToDateTime(TimeOnly.MinValue).ToOADate(), month.ToString("MMM yyyy", CultureInfo.InvariantCulture));
        }

        return ticks;
    }

    /// <summary>A weekday × hour heatmap of minutes listened, Monday on top, hours in the user's zone.</summary>
    public byte[] RenderListeningClock(ListeningClock clock, ChartHeader header)
    {
        var title = $"Listening clock · {header.UserName}";
        var subtitle = $"{header.PeriodLabel} · brighter = more minutes";
        lock (_gate)
        {
            if (clock.TotalPlays == 0)
            {
                return RenderEmpty(title, subtitle);
            }

            var plot = NewPlot();
            plot.Layout.Fixed(new PixelPadding(90, 40, 60, 110));
            var colormap = new ScottPlot.Colormaps.Viridis();
            var busiest = (Day: DayOfWeek.Monday, Hour: 0, Ms: -1L);
            for (var row = 0; row < 7; row++)
            {
                var day = (DayOfWeek)((row + 1) % 7);
                for (var hour = 0; hour < 24; hour++)
                {
                    var ms = clock.MsPlayedAt(day, hour);
                    if (ms > busiest.Ms)
                    {
                        busiest = (day, hour, ms);
                    }
                }
            }

            // One rectangle per cell (Monday on top) keeps cell edges exactly on the hour and weekday ticks.
            for (var row = 0; row < 7; row++)
            {
                var day = (DayOfWeek)((row + 1) % 7);
                for (var hour = 0; hour < 24; hour++)
                {
                    var fraction = busiest.Ms <= 0 ? 0 : (double)clock.MsPlayedAt(day, hour) / busiest.Ms;
                    var cell = plot.Add.Rectangle(hour, hour + 1, 6 - row, 7 - row);
                    cell.FillColor = colormap.GetColor(fraction);
                    cell.LineColor = ChartTheme.ToScottPlot(ChartTheme.Background);
                    cell.LineWidth = 1;
                }
            }

            subtitle += string.Create(
                CultureInfo.InvariantCulture,
                $" · busiest: {busiest.Day} {busiest.Hour:00}:00 ({busiest.Ms / 60_000d:N0} min)");

            var weekdays = new ScottPlot.TickGenerators.NumericManual();
            string[] names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            for (var row = 0; row < 7; row++)
            {
                weekdays.AddMajor(6.5 - row, names[row]);
            }

            var hours = new ScottPlot.TickGenerators.NumericManual();
            for (var hour = 0; hour <= 24; hour += 3)
            {
                hours.AddMajor(hour, hour.ToString("00", CultureInfo.InvariantCulture) + ":00");
            }

            plot.Axes.Left.TickGenerator = weekdays;
            plot.Axes.Bottom.TickGenerator = hours;
            plot.Axes.SetLimits(0, 24, 0, 7);
            plot.HideGrid();
            return Render(plot, canvas => DrawTitle(canvas, title, subtitle));
        }
    }

    private static double Value(TopItem item, ChartMeasure measure) =>
        measure == ChartMeasure.Plays ? item.Plays : Math.Round(item.MsPlayed / 60_000d);

    private static string FormatHours(double minutes) => minutes >= 120
        ? $"{(minutes / 60).ToString("N1", CultureInfo.InvariantCulture)} h"
        : $"{minutes.ToString("N0", CultureInfo.InvariantCulture)} min";

    private Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set(_axisFont);
        plot.FigureBackground.Color = ChartTheme.ToScottPlot(ChartTheme.Background);
        plot.DataBackground.Color = ChartTheme.ToScottPlot(ChartTheme.DataBackground);
        ApplyAxisStyle(plot);
        return plot;
    }

    private static void ApplyAxisStyle(Plot plot)
    {
        plot.Axes.Color(ChartTheme.ToScottPlot(ChartTheme.Axis));
        plot.Axes.FrameColor(ChartTheme.ToScottPlot(ChartTheme.Grid));
        plot.Grid.MajorLineColor = ChartTheme.ToScottPlot(ChartTheme.Grid);
        foreach (var axis in plot.Axes.GetAxes())
        {
            axis.TickLabelStyle.FontSize = 15;
            axis.Label.FontSize = 16;
        }
    }

    private byte[] RenderEmpty(string title, string subtitle)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        var canvas = surface.Canvas;
        canvas.Clear(ChartTheme.Background);
        DrawTitle(canvas, title, subtitle);
        const string message = "No plays in this period";
        _text.Draw(canvas, message, (Width - _text.Measure(message, 28)) / 2, Height / 2f, 28, ChartTheme.MutedText);
        return Encode(surface);
    }

    private byte[] Render(Plot plot, Action<SKCanvas> overlay)
    {
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height));
        plot.Render(surface.Canvas, Width, Height);
        overlay(surface.Canvas);
        return Encode(surface);
    }

    private void DrawTitle(SKCanvas canvas, string title, string subtitle)
    {
        _text.Draw(canvas, _text.Truncate(title, 32, Width - 48), 24, 50, 32, ChartTheme.Text);
        _text.Draw(canvas, _text.Truncate(subtitle, 20, Width - 48), 24, 84, 20, ChartTheme.MutedText);
    }

    private static byte[] Encode(SKSurface surface)
    {
        using var image = surface.Snapshot();
        using var pixmap = image.PeekPixels();
        // Low zlib effort: the PNG is only a few percent larger and encodes several times faster.
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.Sub, zLibLevel: 3))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the chart as PNG.");
        return data.ToArray();
    }
}
