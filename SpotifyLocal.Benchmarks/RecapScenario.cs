using System.Diagnostics;
using System.Globalization;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// <c>/recap</c> on SQLite for one user with 1,000,000 plays over three years (the stats scenario's heavy user): the data
/// and the 1080×1920 image together, for this year so far (the default) and for a whole calendar year, and each read on
/// its own to show where the time goes.
/// </summary>
public sealed class RecapScenario : IBenchmarkScenario
{
    private const string Zone = "Europe/Berlin";
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);

    public string Name => "recap";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var plays = settings.Quick ? 10_000 : 1_000_000;
        var iterations = settings.Quick ? 5 : 20;
        var rows = new List<BenchmarkRow>();
        var store = new SqlitePlayStore(new SqliteDatabase(Path.Combine(settings.WorkDirectory, "recap-1-user.db")));
        var loadTime = Stopwatch.StartNew();
        await StatsScenario.InsertAsync(store, StatsScenario.Catalogue.Create(seed: 7), "heavy", plays, seed: 99, cancellationToken);
        rows.Add(new BenchmarkRow("recap", $"load {plays:N0} plays (1 user)", string.Create(CultureInfo.InvariantCulture, $"{loadTime.Elapsed.TotalSeconds:F1} s"), "–", null));

        var recaps = new RecapService(store, new FixedTimeProvider(Now));
        var renderer = new ChartRenderer();
        foreach (var (text, label) in new (string?, string)[] { (null, "this year so far (default, 90 days)"), ("2025", "2025 (a whole calendar year)") })
        {
            var period = recaps.ParsePeriod(text, Zone);
            var (p50, p95) = await StatsScenario.MeasureAsync(iterations, async () =>
            {
                var recap = await recaps.GetRecapAsync("heavy", period, cancellationToken);
                return renderer.RenderRecap(recap, new ChartHeader("Ана 🎧", period.Label));
            });
            rows.Add(new BenchmarkRow(
                "recap",
                $"/recap {label} ({Zone}), {plays:N0}-play user, data + 1080×1920 PNG (p50 / p95)",
                $"{p50:F1} / {p95:F1} ms",
                "p95 ≤ 100 ms",
                p95 <= 100));

            // Where the time goes: each read of the recap alone, and the image.
            var scope = PlayScope.ForUser("heavy", period.From, period.To);
            var parts = new (string Name, Func<Task<object>> Run)[]
            {
                ("listening per local hour, folded from the 15-minute slot rows (minutes, days, streak, months, hours, skip share)", async () => await store.GetLocalHoursAsync(scope, period.TimeZone, cancellationToken)),
                ("top 5 artists", async () => await store.GetTopAsync(scope, TopKind.Artists, RecapService.TopLimit, cancellationToken)),
                ("top 5 tracks", async () => await store.GetTopAsync(scope, TopKind.Tracks, RecapService.TopLimit, cancellationToken)),
                ("top 5 albums", async () => await store.GetTopAsync(scope, TopKind.Albums, RecapService.TopLimit, cancellationToken)),
                ("new artists (all-time rollups)", async () => await store.GetDiscoveriesAsync(scope, TopKind.Artists, RecapService.TopLimit, cancellationToken)),
            };
            foreach (var (name, run) in parts)
            {
                var (partP50, partP95) = await StatsScenario.MeasureAsync(Math.Min(iterations, 10), run);
                rows.Add(new BenchmarkRow("recap", $"  part: {name}, {label} (p50 / p95)", $"{partP50:F1} / {partP95:F1} ms", "–", null));
            }

            var sample = await recaps.GetRecapAsync("heavy", period, cancellationToken);
            var (renderP50, renderP95) = await StatsScenario.MeasureAsync(iterations, () => Task.FromResult(renderer.RenderRecap(sample, new ChartHeader("Ана 🎧", period.Label))));
            rows.Add(new BenchmarkRow("recap", $"  part: render the 1080×1920 PNG, {label}, warm (p50 / p95)", $"{renderP50:F1} / {renderP95:F1} ms", "–", null));
        }

        return rows;
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
