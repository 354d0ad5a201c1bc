using System.Globalization;
using ScottPlot;
using SkiaSharp;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Charts;

// The /recap image: one tall 1080×1920 PNG (a phone story's shape) to share, pure like the other charts.
public sealed partial class ChartRenderer
{
    private const int RecapWidth = 1080;
    private const int RecapHeight = 1920;
    private const float RecapMargin = 48;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The recap as a 1080×1920 PNG: headline numbers, minutes per month and per hour of the day, the top lists and the discoveries.</summary>
    public byte[] RenderRecap(Recap recap, ChartHeader header)
    {
        lock (_gate)
        {
            using var surface = SKSurface.Create(new SKImageInfo(RecapWidth, RecapHeight));
            var canvas = surface.Canvas;
            canvas.Clear(ChartTheme.Background);
            var contentWidth = RecapWidth - (2 * RecapMargin);
            _text.Draw(canvas, _text.Truncate($"Recap · {header.PeriodLabel}", 56, contentWidth), RecapMargin, 100, 56, ChartTheme.Text);
            _text.Draw(canvas, _text.Truncate($"{header.UserName} · {recap.Period.TimeZone.Id}", 28, contentWidth), RecapMargin, 148, 28, ChartTheme.MutedText);
            if (recap.Plays == 0)
            {
                const string message = "No plays in this period";
                _text.Draw(canvas, message, (RecapWidth - _text.Measure(message, 40)) / 2, RecapHeight / 2f, 40, ChartTheme.MutedText);
            }
            else
            {
                DrawRecapHeadline(canvas, recap);
                DrawRecapMonths(canvas, recap.Months, new SKRect(RecapMargin, 722, RecapWidth - RecapMargin, 982));
                DrawRecapHours(canvas, recap.MsPlayedByHour, new SKRect(RecapMargin, 1015, RecapWidth - RecapMargin, 1145));
                var column = (contentWidth - 24) / 2;
                var right = RecapMargin + column + 24;
                DrawRecapList(canvas, "Top artists", recap.TopArtists, TopKind.Artists, RecapMargin, 1210, column, ItemMinutes);
                DrawRecapList(canvas, "Top tracks", recap.TopTracks, TopKind.Tracks, right, 1210, column, ItemMinutes);
                DrawRecapList(canvas, "Top albums", recap.TopAlbums, TopKind.Albums, RecapMargin, 1560, column, ItemMinutes);
                var discoveries = string.Create(Invariant, $"New artists · {recap.Discoveries.Total:N0}");
                DrawRecapList(canvas, discoveries, recap.Discoveries.Items, TopKind.Artists, right, 1560, column, item => string.Create(
                    Invariant, $"{item.Plays:N0} plays since {LocalTime.DateOf(item.FirstPlayedAt, recap.Period.TimeZone).ToString("d MMM yyyy", Invariant)}"));
            }

            _text.Draw(canvas, "SpotifyLocal", RecapMargin, RecapHeight - 28, 22, ChartTheme.MutedText);
            return Encode(surface);
        }
    }

    private static string ItemMinutes(TopItem item) => string.Create(Invariant, $"{Recap.RoundMinutes(item.MsPlayed):N0} min · {item.Plays:N0} plays");

    private void DrawRecapHeadline(SKCanvas canvas, Recap recap)
    {
        var minutes = recap.Minutes.ToString("N0", Invariant);
        _text.Draw(canvas, minutes, RecapMargin, 300, 120, ChartTheme.Accent);
        var skipped = recap.SkipShare is { } share ? string.Create(Invariant, $" · {share * 100:0}% skipped") : string.Empty;
        _text.Draw(canvas, string.Create(Invariant, $"minutes listened · {recap.Plays:N0} plays{skipped}"), RecapMargin, 350, 30, ChartTheme.MutedText);

        var tileWidth = (RecapWidth - (2 * RecapMargin) - 24) / 2;
        var streak = recap.LongestStreak;
        var month = recap.BusiestMonth;
        var hour = recap.BusiestHour;
        (string Label, string Value, string Detail)[] tiles =
        [
            ("Listening days", recap.ListeningDays.ToString("N0", Invariant), string.Empty),
            ("Longest streak", streak is null ? "–" : string.Create(Invariant, $"{streak.Days:N0} {(streak.Days == 1 ? "day" : "days")}"),
                streak is null ? string.Empty : $"{streak.First.ToString("d MMM", Invariant)} – {streak.Last.ToString("d MMM yyyy", Invariant)}"),
            ("Top month", month is null ? "–" : month.FirstDay.ToString("MMMM yyyy", Invariant),
                month is null ? string.Empty : string.Create(Invariant, $"{Recap.RoundMinutes(month.MsPlayed):N0} min")),
            ("Busiest hour", hour is null ? "–" : string.Create(Invariant, $"{hour:00}:00–{(hour + 1) % 24:00}:00"),
                hour is null ? string.Empty : string.Create(Invariant, $"{Recap.RoundMinutes(recap.MsPlayedByHour[hour.Value]):N0} min")),
        ];
        using var tilePaint = new SKPaint { Color = ChartTheme.DataBackground, IsAntialias = true };
        for (var i = 0; i < tiles.Length; i++)
        {
            var left = RecapMargin + ((i % 2) * (tileWidth + 24));
            var top = 395 + ((i / 2) * 135);
            canvas.DrawRoundRect(new SKRect(left, top, left + tileWidth, top + 120), 16, 16, tilePaint);
            _text.Draw(canvas, tiles[i].Label, left + 24, top + 36, 24, ChartTheme.MutedText);
            _text.Draw(canvas, _text.Truncate(tiles[i].Value, 44, tileWidth - 48), left + 24, top + 88, 44, ChartTheme.Text);
            if (tiles[i].Detail.Length > 0)
            {
                _text.Draw(canvas, tiles[i].Detail, left + tileWidth - 24, top + 36, 22, ChartTheme.MutedText, alignRight: true);
            }
        }
    }

    // Minutes per local month as bars (ScottPlot), drawn on a surface of their own and placed in the area.
    private void DrawRecapMonths(SKCanvas canvas, IReadOnlyList<RecapMonth> months, SKRect area)
    {
        _text.Draw(canvas, "Minutes per month", area.Left, area.Top - 12, 26, ChartTheme.Text);
        if (months.Count == 0)
        {
            return;
        }

        var plot = NewPlot();
        plot.Layout.Fixed(new PixelPadding(70, 10, 40, 10));
        var values = months.Select(m => m.MsPlayed / 60_000d).ToArray();
        var bars = plot.Add.Bars(values);
        bars.Color = ChartTheme.ToScottPlot(ChartTheme.Accent);
        foreach (var bar in bars.Bars)
        {
            bar.Size = 0.75;
            bar.LineWidth = 0;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        var step = Math.Max(1, (int)Math.Ceiling(months.Count / 12.0));
        for (var i = 0; i < months.Count; i += step)
        {
            var format = months.Count > 12 || months[0].Year != months[^1].Year ? "MMM yy" : "MMM";
            ticks.AddMajor(i, months[i].FirstDay.ToString(format, Invariant));
        }

        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimits(-0.6, months.Count - 0.4, 0, Math.Max(1, values.Max()) * 1.1);
        ApplyAxisStyle(plot);
        var width = (int)area.Width;
        var height = (int)area.Height;
        using var monthSurface = SKSurface.Create(new SKImageInfo(width, height));
        plot.Render(monthSurface.Canvas, width, height);
        using var image = monthSurface.Snapshot();
        canvas.DrawImage(image, area.Left, area.Top);
    }

    // Minutes per local hour of the day as 24 bars, the busiest bright.
    private void DrawRecapHours(SKCanvas canvas, IReadOnlyList<long> msByHour, SKRect area)
    {
        _text.Draw(canvas, "By hour of the day", area.Left, area.Top + 10, 26, ChartTheme.Text);
        var max = Math.Max(1, msByHour.Max());
        var barArea = new SKRect(area.Left, area.Top + 30, area.Right, area.Bottom - 30);
        var slot = barArea.Width / 24;
        using var bright = new SKPaint { Color = ChartTheme.Accent, IsAntialias = true };
        using var dim = new SKPaint { Color = ChartTheme.AccentDim, IsAntialias = true };
        var busiest = 0;
        for (var hour = 1; hour < 24; hour++)
        {
            busiest = msByHour[hour] > msByHour[busiest] ? hour : busiest;
        }

        for (var hour = 0; hour < 24; hour++)
        {
            var height = Math.Max(2, (float)(barArea.Height * msByHour[hour] / max));
            var left = barArea.Left + (hour * slot) + 3;
            canvas.DrawRect(new SKRect(left, barArea.Bottom - height, left + slot - 6, barArea.Bottom), hour == busiest ? bright : dim);
            if (hour % 6 == 0)
            {
                _text.Draw(canvas, string.Create(Invariant, $"{hour:00}:00"), left, area.Bottom - 4, 20, ChartTheme.MutedText);
            }
        }
    }

    private void DrawRecapList(SKCanvas canvas, string heading, IReadOnlyList<TopItem> items, TopKind kind, float left, float top, float width, Func<TopItem, string> detail)
    {
        _text.Draw(canvas, heading, left, top, 30, ChartTheme.Text);
        for (var i = 0; i < Math.Min(items.Count, RecapService.TopLimit); i++)
        {
            var item = items[i];
            var y = top + 52 + (i * 54);
            var rank = (i + 1).ToString(Invariant);
            _text.Draw(canvas, rank, left + 22, y + 4, 26, ChartTheme.MutedText, alignRight: true);
            _text.Draw(canvas, _text.Truncate(item.Name, 25, width - 36), left + 36, y, 25, ChartTheme.Text);
            var sub = kind != TopKind.Artists && item.ArtistName is { Length: > 0 } artist ? $"{artist} · {detail(item)}" : detail(item);
            _text.Draw(canvas, _text.Truncate(sub, 19, width - 36), left + 36, y + 25, 19, ChartTheme.MutedText);
        }
    }
}
