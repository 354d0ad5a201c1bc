using System.Diagnostics;
using System.Globalization;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// Top-50 tracks/artists/albums on SQLite for week, month, year and all time: 1,000,000 plays across 20
/// users of 50,000 plays each, plus one user with 1,000,000 plays; and warm chart render times.
/// </summary>
public sealed class StatsScenario : IBenchmarkScenario
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan History = TimeSpan.FromDays(3 * 365);

    public string Name => "stats";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var playsPerUser = settings.Quick ? 500 : 50_000;
        var bigUserPlays = settings.Quick ? 10_000 : 1_000_000;
        var iterations = settings.Quick ? 5 : 40;
        var rows = new List<BenchmarkRow>();
        var time = new FixedTimeProvider(Now);
        var catalogue = Catalogue.Create(seed: 7);

        var shared = new SqliteDatabase(Path.Combine(settings.WorkDirectory, "stats-20-users.db"));
        var sharedStore = new SqlitePlayStore(shared);
        var loadTime = Stopwatch.StartNew();
        for (var user = 0; user < 20; user++)
        {
            await InsertAsync(sharedStore, catalogue, $"user{user:00}", playsPerUser, seed: user, cancellationToken);
        }

        var stats = new StatsService(sharedStore, time);
        rows.Add(new BenchmarkRow("stats", $"load {20 * playsPerUser:N0} plays (20 users)", LoadText(20 * playsPerUser, loadTime.Elapsed), "–", null));
        foreach (var periodText in new[] { "week", "month", "year", "all" })
        {
            var period = stats.ParsePeriod(periodText, "Europe/Berlin");
            foreach (var kind in new[] { TopKind.Tracks, TopKind.Artists, TopKind.Albums })
            {
                var (p50, p95) = await MeasureAsync(iterations, () => stats.GetTopAsync(["user07"], period, kind, 50, cancellationToken));
                var isTarget = periodText == "month";
                rows.Add(new BenchmarkRow(
                    "stats",
                    $"top-50 {kind.ToString().ToLowerInvariant()}, {periodText}, {playsPerUser:N0}-play user (p50 / p95)",
                    $"{p50:F1} / {p95:F1} ms",
                    isTarget ? "p95 ≤ 10 ms" : "–",
                    isTarget ? p95 <= 10 : null));
            }
        }

        var year = stats.ParsePeriod("year", "Europe/Berlin");
        var (yearRawP50, yearRawP95) = await MeasureAsync(iterations, () => sharedStore.GetTopRawAsync(PlayScope.ForUser("user07", year.From, year.To), TopKind.Tracks, 50, cancellationToken));
        rows.Add(new BenchmarkRow("stats", $"reference: top-50 tracks, year, grouped from the plays, {playsPerUser:N0}-play user (p50 / p95)", $"{yearRawP50:F1} / {yearRawP95:F1} ms", "–", null));
        var month = stats.ParsePeriod("month", "Europe/Berlin");
        var (dailyP50, dailyP95) = await MeasureAsync(iterations, () => stats.GetDailyListeningAsync(["user07"], month, cancellationToken));
        rows.Add(new BenchmarkRow("stats", $"listening per day, month, {playsPerUser:N0}-play user (p50 / p95)", $"{dailyP50:F1} / {dailyP95:F1} ms", "–", null));
        var (totalsP50, totalsP95) = await MeasureAsync(iterations, () => stats.GetTotalsAsync(["user07"], month, cancellationToken));
        rows.Add(new BenchmarkRow("stats", $"totals, month, {playsPerUser:N0}-play user (p50 / p95)", $"{totalsP50:F1} / {totalsP95:F1} ms", "–", null));

        var big = new SqliteDatabase(Path.Combine(settings.WorkDirectory, "stats-1-user.db"));
        var bigStore = new SqlitePlayStore(big);
        loadTime.Restart();
        await InsertAsync(bigStore, catalogue, "heavy", bigUserPlays, seed: 99, cancellationToken);
        rows.Add(new BenchmarkRow("stats", $"load {bigUserPlays:N0} plays (1 user)", LoadText(bigUserPlays, loadTime.Elapsed), "–", null));
        var bigStats = new StatsService(bigStore, time);
        var bigIterations = Math.Min(iterations, 20);
        // Every period the bot parses; the custom range is three calendar years, ending in the current month.
        foreach (var periodText in new[] { "week", "month", "year", "2025", "2023-04..2026-03", "all" })
        {
            var period = bigStats.ParsePeriod(periodText, "Asia/Kolkata");
            foreach (var kind in new[] { TopKind.Tracks, TopKind.Artists, TopKind.Albums })
            {
                var (p50, p95) = await MeasureAsync(bigIterations, () => bigStats.GetTopAsync(["heavy"], period, kind, 50, cancellationToken));
                rows.Add(new BenchmarkRow(
                    "stats",
                    $"top-50 {kind.ToString().ToLowerInvariant()}, {periodText} (Asia/Kolkata), {bigUserPlays:N0}-play user (p50 / p95)",
                    $"{p50:F1} / {p95:F1} ms",
                    "p95 ≤ 5 ms",
                    p95 <= 5));
            }

            // The reference in the same run: the same list grouped from the plays (what the rollups replace).
            var scope = PlayScope.ForUser("heavy", period.From, period.To);
            var (rawP50, rawP95) = await MeasureAsync(Math.Min(bigIterations, 8), () => bigStore.GetTopRawAsync(scope, TopKind.Tracks, 50, cancellationToken));
            rows.Add(new BenchmarkRow("stats", $"reference: top-50 tracks, {periodText}, grouped from the plays, {bigUserPlays:N0}-play user (p50 / p95)", $"{rawP50:F1} / {rawP95:F1} ms", "–", null));
            var (totalsBigP50, totalsBigP95) = await MeasureAsync(bigIterations, () => bigStats.GetTotalsAsync(["heavy"], period, cancellationToken));
            rows.Add(new BenchmarkRow("stats", $"totals, {periodText}, {bigUserPlays:N0}-play user (p50 / p95)", $"{totalsBigP50:F1} / {totalsBigP95:F1} ms", "–", null));
            var (dailyBigP50, dailyBigP95) = await MeasureAsync(bigIterations, () => bigStats.GetDailyListeningAsync(["heavy"], period, cancellationToken));
            rows.Add(new BenchmarkRow("stats", $"listening per day, {periodText}, {bigUserPlays:N0}-play user (p50 / p95)", $"{dailyBigP50:F1} / {dailyBigP95:F1} ms", "–", null));
        }

        rows.AddRange(await MeasureChartsAsync(stats, month, iterations * 2, cancellationToken));
        return rows;
    }

    private static async Task<IReadOnlyList<BenchmarkRow>> MeasureChartsAsync(StatsService stats, Period month, int iterations, CancellationToken cancellationToken)
    {
        var renderer = new ChartRenderer();
        var header = new ChartHeader("Ана 🎧", month.Label);
        var top = await stats.GetTopAsync(["user07"], month, TopKind.Tracks, 10, cancellationToken);
        var days = await stats.GetDailyListeningAsync(["user07"], month, cancellationToken);
        var clock = await stats.GetListeningClockAsync(["user07"], month, cancellationToken);
        var rows = new List<BenchmarkRow>();
        foreach (var (name, render) in new (string, Func<byte[]>)[]
        {
            ("top-10 bar chart", () => renderer.RenderTop(top, TopKind.Tracks, header)),
            ("listening-per-day chart", () => renderer.RenderDailyListening(days, header)),
            ("listening-clock heatmap", () => renderer.RenderListeningClock(clock, header)),
        })
        {
            var (p50, p95) = await MeasureAsync(iterations, () => Task.FromResult(render()));
            rows.Add(new BenchmarkRow("stats", $"render {name}, 1200×675 PNG, warm (p50 / p95)", $"{p50:F1} / {p95:F1} ms", "p50 ≤ 20 ms", p50 <= 20));
        }

        return rows;
    }

    private static string LoadText(int plays, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:F1} s ({plays / elapsed.TotalSeconds:N0} plays/s, batches of 10,000, rollups included)");

    internal static async Task<(double P50, double P95)> MeasureAsync<T>(int iterations, Func<Task<T>> action)
    {
        for (var i = 0; i < 3; i++)
        {
            await action();
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await action();
            samples[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(samples);
        return (Percentile(samples, 0.50), Percentile(samples, 0.95));
    }

    internal static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    internal static async Task InsertAsync(IPlayStore store, Catalogue catalogue, string userId, int count, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var step = History / count;
        var start = Now - History;
        var batch = new List<Play>(10_000);
        for (var i = 0; i < count; i++)
        {
            var song = catalogue.Pick(random);
            var playedAt = start + (step * i) + TimeSpan.FromMilliseconds(random.Next(0, 1000));
            var msPlayed = random.Next(30_000, song.DurationMs);
            batch.Add(new Play(
                userId, song.TrackId, song.TrackName, song.ArtistId, song.ArtistName, song.AlbumId, song.AlbumName,
                DateTimeOffset.FromUnixTimeMilliseconds(playedAt.ToUnixTimeMilliseconds()), song.DurationMs, msPlayed,
                PlaySource.Import, song.TrackKey, song.ArtistKey, song.AlbumKey));
            if (batch.Count == batch.Capacity)
            {
                await store.InsertAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        await store.InsertAsync(batch, cancellationToken);
    }

    /// <summary>5,000 songs by 800 artists on 1,600 albums, with names in several scripts, picked with a skewed (Zipf-like) popularity.</summary>
    internal sealed class Catalogue(IReadOnlyList<Play> songs)
    {
        public static Catalogue Create(int seed)
        {
            var random = new Random(seed);
            string[] artistStems = ["Queen", "宇多田ヒカル", "Сплин", "Björk", "Ελευθερία", "عمرو دياب", "Lofi Girl", "Daft Punk"];
            var songs = new List<Play>(5_000);
            for (var i = 0; i < 5_000; i++)
            {
                var artist = i % 800;
                var album = (i % 1_600) / 2;
                var artistName = $"{artistStems[artist % artistStems.Length]} {artist}";
                var albumName = $"Album {album}{(i % 7 == 0 ? " (Deluxe Edition)" : string.Empty)}";
                var trackName = $"Song {i}{(i % 5 == 0 ? " - Remastered 2011" : string.Empty)}";
                songs.Add(Play.Create(
                    "catalogue", $"spotify:track:{i:x8}", trackName, $"artist{artist}", artistName, $"album{album}", albumName,
                    Now, random.Next(120_000, 360_000), 0, PlaySource.Import));
            }

            return new Catalogue(songs);
        }

        public Play Pick(Random random)
        {
            // Squaring a uniform number favours the first songs: a few favourites and a long tail.
            var u = random.NextDouble();
            return songs[(int)(u * u * songs.Count)];
        }
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
