using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// Imports a synthetic 500,000-row extended-history ZIP (about the size of a heavy listener's real 19 MB export) into a fresh SQLite file through <see cref="ImportService"/>
/// and reports plays/s and the peak resident memory sampled during the import.
/// </summary>
public sealed class ImportScenario : IBenchmarkScenario
{
    private const double TargetPlaysPerSecond = 100_000;
    private const double TargetPeakMegabytes = 200;

    public string Name => "import";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var rows = settings.Quick ? 5_000 : 500_000;
        var zip = Path.Combine(settings.WorkDirectory, "import-bench.zip");
        var summary = await SyntheticExportGenerator.WriteZipAsync(
            zip,
            new SyntheticExportSettings(Seed: 7, Rows: rows, End: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), Span: TimeSpan.FromDays(6 * 365)),
            cancellationToken);

        var database = new SqliteDatabase(Path.Combine(settings.WorkDirectory, "import-bench.db"));
        await database.MigrateAsync(cancellationToken);
        var service = new ImportService(
            new SqliteImportJobStore(database),
            new SqliteUserStore(database),
            new PlayBatchWriter(new SqlitePlayStore(database)),
            new SpotifyLocal.Core.Accounts.AccountWriters(),
            Options.Create(new ImportOptions()),
            TimeProvider.System,
            NullLogger<ImportService>.Instance);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(
            async () =>
            {
                using var self = Process.GetCurrentProcess();
                while (!sampling.IsCancellationRequested)
                {
                    self.Refresh();
                    peak = Math.Max(peak, self.WorkingSet64);
                    try
                    {
                        await Task.Delay(20, sampling.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            },
            CancellationToken.None);

        var stopwatch = Stopwatch.StartNew();
        var job = await service.ImportAsync(zip, "import-bench.zip", "bench-user", progress: null, cancellationToken);
        stopwatch.Stop();
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);

        if (job.Inserted != summary.MusicPlays)
        {
            throw new InvalidOperationException($"Imported {job.Inserted} plays, expected {summary.MusicPlays}.");
        }

        var entriesPerSecond = job.ProcessedTracks / stopwatch.Elapsed.TotalSeconds;
        var playsPerSecond = job.Inserted / stopwatch.Elapsed.TotalSeconds;
        var peakMegabytes = peak / (1024.0 * 1024.0);
        var verbPeak = await MeasureImportVerbAsync(zip, Path.Combine(settings.WorkDirectory, "import-verb.db"), cancellationToken);
        var zipMegabytes = new FileInfo(zip).Length / (1024.0 * 1024.0);
        var label = string.Create(CultureInfo.InvariantCulture, $"Import {rows:N0}-row extended ZIP ({zipMegabytes:0} MB) → SQLite");
        return
        [
            new BenchmarkRow(label, "plays stored/s, whole import", string.Create(CultureInfo.InvariantCulture, $"{playsPerSecond:N0} ({job.Inserted:N0} plays in {stopwatch.Elapsed.TotalSeconds:0.00} s)"), "≥ 100,000", settings.Quick ? null : playsPerSecond >= TargetPlaysPerSecond),
            new BenchmarkRow(label, "export entries read/s", string.Create(CultureInfo.InvariantCulture, $"{entriesPerSecond:N0} ({job.ProcessedTracks:N0} entries, podcasts and short plays included)"), "–", null),
            new BenchmarkRow(label, "peak RSS during import (in this process)", string.Create(CultureInfo.InvariantCulture, $"{peakMegabytes:0} MB (baseline {baseline / (1024.0 * 1024.0):0} MB)"), "≤ 200 MB", settings.Quick ? null : peakMegabytes <= TargetPeakMegabytes),
            new BenchmarkRow(label, "peak RSS of the bot's import verb (whole process, VmHWM)", verbPeak is { } mb ? string.Create(CultureInfo.InvariantCulture, $"{mb:0} MB") : "not measured (no /proc)", "≤ 200 MB", settings.Quick || verbPeak is null ? null : verbPeak <= TargetPeakMegabytes),
        ];
    }

    /// <summary>
    /// Runs <c>SpotifyLocal.Bot import</c> on the export as an operator would, and reads the kernel's high-water mark of
    /// its resident memory (<c>VmHWM</c> in /proc/PID/status) until it exits: the product's own GC settings, not this process's.
    /// </summary>
    private static async Task<double?> MeasureImportVerbAsync(string zip, string database, CancellationToken cancellationToken)
    {
        var bot = typeof(SpotifyLocal.Bot.BotApplication).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { bot, "import", zip, "--user", "bench-verb" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Storage__Sqlite__Path"] = database;
        using var verb = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = verb.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = verb.StandardError.ReadToEndAsync(cancellationToken);
        var status = $"/proc/{verb.Id}/status";
        double? peak = null;
        while (!verb.HasExited)
        {
            try
            {
                var line = (await File.ReadAllLinesAsync(status, cancellationToken)).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                {
                    peak = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
                }
            }
            catch (IOException)
            {
                // Exited between the check and the read: the last reading stands (the high-water mark only grows).
            }

            await Task.Delay(20, cancellationToken);
        }

        await verb.WaitForExitAsync(cancellationToken);
        if (verb.ExitCode != 0)
        {
            throw new InvalidOperationException($"The import verb failed ({verb.ExitCode}): {await output} {await errors}");
        }

        return peak;
    }
}
