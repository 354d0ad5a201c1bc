using System.Diagnostics;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Import;

namespace SpotifyLocal.Tests.Cli;

/// <summary>
/// The <c>import</c> verb as a real process, stopped the ways operators stop it: <c>kill -9</c> and SIGTERM (what
/// <c>docker stop</c>, systemd and <c>kill</c> send). Either way the next import is not refused and completes exactly.
/// </summary>
public sealed class KilledImportVerbTests
{
    private static readonly SyntheticExportSettings Export = new(Seed: 12, Rows: 40_000, End: new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), Span: TimeSpan.FromDays(300), RowsPerFile: 10_000);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task After_kill_9_the_rerun_is_not_refused_and_completes_with_exact_counts()
    {
        await using var harness = new ImportHarness();
        var (path, summary) = await WriteExportAsync(harness);

        using (var verb = StartVerb(harness, path))
        {
            await WaitForStartAsync(verb);
            verb.Kill();
            await verb.WaitForExitAsync(Token);
        }

        var left = Assert.Single(await harness.Database.ImportJobs.ListActiveAsync(Token));
        var rerun = await harness.ImportAsync(path);

        Assert.Equal(ImportJobStatus.Completed, rerun.Status);
        Assert.Equal(summary.MusicPlays, await harness.CountAsync());
        Assert.Equal(summary.MusicPlays, rerun.Inserted + rerun.Duplicates);
        Assert.Equal(ImportJobStatus.Failed, (await harness.Database.ImportJobs.GetAsync(left.Id, Token))!.Status);
    }

    [Fact]
    public async Task Sigterm_stops_the_verb_like_ctrl_c_and_records_the_job_as_cancelled()
    {
        await using var harness = new ImportHarness();
        var (path, summary) = await WriteExportAsync(harness);

        int exitCode;
        using (var verb = StartVerb(harness, path))
        {
            await WaitForStartAsync(verb);
            using (var kill = Process.Start("kill", ["-TERM", verb.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(Token);
            }

            await verb.WaitForExitAsync(Token);
            exitCode = verb.ExitCode;
        }

        Assert.Equal(130, exitCode);
        var job = Assert.Single(await harness.Database.ImportJobs.ListForUserAsync("u1", Token));
        Assert.Equal(ImportJobStatus.Failed, job.Status);
        Assert.StartsWith("Cancelled", job.Error, StringComparison.Ordinal);
        Assert.Equal(job.Inserted, await harness.CountAsync());
        var rerun = await harness.ImportAsync(path);
        Assert.Equal(summary.MusicPlays - job.Inserted, rerun.Inserted);
        Assert.Equal(summary.MusicPlays, await harness.CountAsync());
    }

    private static async Task<(string Path, SyntheticExportSummary Summary)> WriteExportAsync(ImportHarness harness)
    {
        var path = harness.Files.Bytes([], ".zip");
        var summary = await SyntheticExportGenerator.WriteZipAsync(path, Export, Token);
        return (path, summary);
    }

    private static Process StartVerb(ImportHarness harness, string path)
    {
        var bot = typeof(SpotifyLocal.Bot.BotApplication).Assembly.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = Path.GetDirectoryName(harness.Database.Path)!,
        };
        foreach (var argument in new[] { bot, "import", path, "--user", "u1" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["Storage__Sqlite__Path"] = harness.Database.Path;
        start.Environment["Logging__LogLevel__Default"] = "Information";

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>Reads the verb's log (stderr) until the import has started processing.</summary>
    private static async Task WaitForStartAsync(Process verb)
    {
        _ = verb.StandardOutput.ReadToEndAsync(Token);
        while (await verb.StandardError.ReadLineAsync(Token) is { } line)
        {
            if (line.Contains(" started: ", StringComparison.Ordinal))
            {
                // Keep draining so the child never blocks on a full pipe.
                _ = verb.StandardError.ReadToEndAsync(Token);
                return;
            }
        }

        throw new InvalidOperationException("The import verb ended before it started importing.");
    }
}
