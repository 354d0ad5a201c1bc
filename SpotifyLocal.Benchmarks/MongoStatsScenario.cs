using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Mongo;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// The stats scenario's heavy user on MongoDB, when <c>SPOTIFYLOCAL_BENCH_MONGODB_URI</c> (or the tests'
/// <c>SPOTIFYLOCAL_TEST_MONGODB_URI</c>) names a server: 1,000,000 plays loaded through the store (rollups
/// included), then top-50 lists of all time (read from the rollups) and of a month (grouped from the plays), and
/// all time grouped from the plays for comparison. Uses a throwaway <c>spotifylocal_bench_&lt;guid&gt;</c> database.
/// </summary>
public sealed class MongoStatsScenario : IBenchmarkScenario
{
    public const string UriVariable = "SPOTIFYLOCAL_BENCH_MONGODB_URI";

    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);

    public string Name => "mongo-stats";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var uri = Environment.GetEnvironmentVariable(UriVariable) is { Length: > 0 } bench
            ? bench
            : Environment.GetEnvironmentVariable("SPOTIFYLOCAL_TEST_MONGODB_URI");
        if (string.IsNullOrWhiteSpace(uri))
        {
            return [new BenchmarkRow("mongo-stats", "MongoDB top lists", $"not run: set {UriVariable}", "–", null)];
        }

        var plays = settings.Quick ? 10_000 : 1_000_000;
        var iterations = settings.Quick ? 5 : 10;
        var client = new MongoClient(uri);
        var databaseName = $"spotifylocal_bench_{Guid.NewGuid():N}";
        var collections = new MongoCollections(client, databaseName);
        try
        {
            var connection = MongoConnectionSettings.Create(new() { ConnectionString = uri, DatabaseName = databaseName });
            await new MongoStorageInitializer(collections, connection, NullLogger<MongoStorageInitializer>.Instance).InitializeAsync(cancellationToken);
            var store = new MongoPlayStore(collections);
            var load = Stopwatch.StartNew();
            await StatsScenario.InsertAsync(store, StatsScenario.Catalogue.Create(seed: 7), "heavy", plays, seed: 99, cancellationToken);
            var rows = new List<BenchmarkRow>
            {
                new("mongo-stats", $"load {plays:N0} plays (1 user)", string.Create(CultureInfo.InvariantCulture, $"{load.Elapsed.TotalSeconds:F1} s ({plays / load.Elapsed.TotalSeconds:N0} plays/s, rollups included)"), "–", null),
            };

            var allTime = PlayScope.AllTime("heavy");
            var month = PlayScope.ForUser("heavy", Now.AddDays(-30), Now);
            foreach (var kind in new[] { TopKind.Tracks, TopKind.Artists, TopKind.Albums })
            {
                var name = kind.ToString().ToLowerInvariant();
                var (p50, p95) = await StatsScenario.MeasureAsync(iterations, () => store.GetTopAsync(allTime, kind, 50, cancellationToken));
                rows.Add(new("mongo-stats", $"top-50 {name}, all time (rollups), {plays:N0}-play user (p50 / p95)", $"{p50:F1} / {p95:F1} ms", "p95 ≤ 50 ms", p95 <= 50));
                (p50, p95) = await StatsScenario.MeasureAsync(iterations, () => store.GetTopAsync(month, kind, 50, cancellationToken));
                rows.Add(new("mongo-stats", $"top-50 {name}, month, {plays:N0}-play user (p50 / p95)", $"{p50:F1} / {p95:F1} ms", "p95 ≤ 10 ms", p95 <= 10));
            }

            var (rawP50, rawP95) = await StatsScenario.MeasureAsync(Math.Min(iterations, 3), () => store.GetTopRawAsync(allTime, TopKind.Tracks, 50, cancellationToken));
            rows.Add(new("mongo-stats", $"top-50 tracks, all time grouped from the plays (no rollups), {plays:N0}-play user (p50 / p95)", $"{rawP50:F1} / {rawP95:F1} ms", "–", null));
            return rows;
        }
        finally
        {
            await client.DropDatabaseAsync(databaseName, CancellationToken.None);
        }
    }
}
