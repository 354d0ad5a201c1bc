using System.Diagnostics;
using System.Globalization;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// The first reply after starting a published build: <c>dotnet publish -c Release</c> of the bot to a temp folder, then its
/// executable started as a process in a fresh working folder (so a fresh <c>data/</c>, embedded defaults, the console
/// adapter) with commands piped to its stdin, timed from just before the process starts to lines on its stdout. Two ways:
/// a first run that imports the demo export and then asks <c>/top all artists</c>, and a restart on a data folder that
/// already holds the demo (imported by an earlier process) that asks <c>/top all artists</c> first. No target: the
/// issue asks to measure and report.
/// </summary>
public sealed class FirstReplyScenario : IBenchmarkScenario
{
    // All time, not a month: the demo export ends on 2026-11-20, and a month after that a "last 30 days" list is empty.
    private const string Command = "/top all artists";
    private static readonly TimeSpan ProcessGuard = TimeSpan.FromMinutes(2);

    public string Name => "first-reply";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var starts = settings.Quick ? 2 : 5;
        var root = FindRepositoryRoot();
        var directory = Path.Combine(settings.WorkDirectory, "first-reply");
        var published = Path.Combine(directory, "publish");
        var publishTime = Stopwatch.StartNew();
        await PublishAsync(root, published, cancellationToken);
        publishTime.Stop();
        var demo = Path.Combine(root, "samples", "demo-export.zip");

        var fresh = new List<Run>();
        for (var i = 0; i < starts; i++)
        {
            fresh.Add(await StartAsync(published, Path.Combine(directory, $"fresh-{i}"), [$"/import {demo}", Command], cancellationToken));
        }

        // An earlier process imported the demo; each restart gets its own copy of that data folder.
        var seeded = Path.Combine(directory, "seeded");
        await StartAsync(published, seeded, [$"/import {demo}"], cancellationToken);
        var restarts = new List<Run>();
        for (var i = 0; i < starts; i++)
        {
            var folder = Path.Combine(directory, $"restart-{i}");
            CopyDirectory(Path.Combine(seeded, "data"), Path.Combine(folder, "data"));
            restarts.Add(await StartAsync(published, folder, [Command], cancellationToken));
        }

        var label = "first-reply (published build)";
        return
        [
            new BenchmarkRow(label, "dotnet publish -c Release of the bot (not a target; where the build came from)", string.Create(CultureInfo.InvariantCulture, $"{publishTime.Elapsed.TotalSeconds:F1} s"), "–", null),
            Row(label, $"fresh data folder, stdin `/import demo-export.zip` + `{Command}`: start → the console's greeting (first stdout line)", fresh, r => r.FirstLine),
            Row(label, "fresh data folder: start → the import's reply", fresh, r => r.Line(l => l.StartsWith("Imported ", StringComparison.Ordinal))),
            Row(label, $"fresh data folder: start → the `{Command}` reply with its chart written", fresh, r => r.TopChart),
            Row(label, $"restart on a data folder holding the demo, stdin `{Command}`: start → the console's greeting (first stdout line)", restarts, r => r.FirstLine),
            Row(label, $"restart on a data folder holding the demo: start → the `{Command}` reply with its chart written", restarts, r => r.TopChart),
        ];
    }

    private static BenchmarkRow Row(string label, string measure, IReadOnlyList<Run> runs, Func<Run, TimeSpan> pick)
    {
        var times = runs.Select(r => pick(r).TotalMilliseconds).ToArray();
        var sorted = times.Order().ToArray();
        return new BenchmarkRow(
            label,
            $"{measure} (median, min–max of {runs.Count} starts; first start)",
            string.Create(CultureInfo.InvariantCulture, $"{StatsScenario.Percentile(sorted, 0.5):N0} ms ({sorted[0]:N0}–{sorted[^1]:N0}); first {times[0]:N0} ms"),
            "–",
            null);
    }

    /// <summary>One process from start to exit: each stdout line with the time since the start.</summary>
    private sealed record Run(IReadOnlyList<(TimeSpan At, string Text)> Lines)
    {
        public TimeSpan FirstLine => Lines.Count > 0 ? Lines[0].At : throw new InvalidOperationException("The bot printed nothing.");

        /// <summary>When the top list's chart was written; the list itself must have come first (not a "no plays" answer).</summary>
        public TimeSpan TopChart =>
            Line(l => l.StartsWith("== Top artists", StringComparison.Ordinal)) <= Line(l => l.StartsWith("Chart written to ", StringComparison.Ordinal))
                ? Line(l => l.StartsWith("Chart written to ", StringComparison.Ordinal))
                : throw new InvalidOperationException("The chart line came before the top list.");

        public TimeSpan Line(Func<string, bool> match) =>
            Lines.FirstOrDefault(l => match(l.Text)) is { Text: not null } line
                ? line.At
                : throw new InvalidOperationException("The bot never printed the awaited line. Its output: " + string.Join(" | ", Lines.Select(l => l.Text)));
    }

    private static async Task<Run> StartAsync(string published, string workingDirectory, IReadOnlyList<string> commands, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(workingDirectory);
        var executable = Path.Combine(published, OperatingSystem.IsWindows() ? "SpotifyLocal.Bot.exe" : "SpotifyLocal.Bot");
        var start = File.Exists(executable)
            ? new ProcessStartInfo(executable)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(published, "SpotifyLocal.Bot.dll") } };
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        // The embedded defaults with the console adapter, whatever this machine's user secrets hold (no chat platform).
        start.Environment["Console__Enabled"] = "true";
        start.Environment["Telegram__BotToken"] = "";
        start.Environment["Discord__BotToken"] = "";
        var lines = new List<(TimeSpan, string)>();
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("The published bot did not start.");
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        // All commands at once and then end of input, as `printf '…' | dotnet run` does.
        foreach (var command in commands)
        {
            await process.StandardInput.WriteLineAsync(command);
        }

        process.StandardInput.Close();
        using var guard = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        guard.CancelAfter(ProcessGuard);
        while (await process.StandardOutput.ReadLineAsync(guard.Token) is { } line)
        {
            lines.Add((Stopwatch.GetElapsedTime(started), line));
        }

        await process.WaitForExitAsync(guard.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The bot exited with {process.ExitCode}: {await errors}");
        }

        return new Run(lines);
    }

    private static async Task PublishAsync(string root, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "publish", Path.Combine(root, "SpotifyLocal.Bot", "SpotifyLocal.Bot.csproj"), "-c", "Release", "-o", output, "--nologo" })
        {
            start.ArgumentList.Add(argument);
        }

        using var publish = Process.Start(start) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var log = publish.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = publish.StandardError.ReadToEndAsync(cancellationToken);
        await publish.WaitForExitAsync(cancellationToken);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed: {await log}{await errors}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SpotifyLocal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Run the benchmark from the repository (SpotifyLocal.sln not found above " + AppContext.BaseDirectory + ").");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
