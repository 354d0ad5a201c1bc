using System.Reflection;
using SpotifyLocal.Benchmarks;

var quick = args.Contains("--quick");
// --keep leaves the work folder (its databases) for a look with sqlite3 afterwards.
var keep = args.Contains("--keep");
var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
var scenarios = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBenchmarkScenario).IsAssignableFrom(t))
    .Select(t => (IBenchmarkScenario)Activator.CreateInstance(t)!)
    .Where(s => names.Count == 0 || names.Contains(s.Name))
    .OrderBy(s => s.Name, StringComparer.Ordinal)
    .ToList();

var work = Path.Combine(Path.GetTempPath(), "spotifylocal-bench-" + Environment.ProcessId);
Directory.CreateDirectory(work);
var settings = new BenchmarkSettings(quick, work);
var rows = new List<BenchmarkRow>();
try
{
    foreach (var scenario in scenarios)
    {
        Console.Error.WriteLine($"Running {scenario.Name}…");
        rows.AddRange(await scenario.RunAsync(settings, CancellationToken.None));
    }
}
finally
{
    if (keep)
    {
        Console.Error.WriteLine($"Kept {work}");
    }
    else
    {
        Directory.Delete(work, recursive: true);
    }
}

Console.WriteLine("| Scenario | Measure | Result | Target | Met |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var row in rows)
{
    var met = row.MeetsTarget switch { true => "yes", false => "no", null => "–" };
    Console.WriteLine($"| {row.Scenario} | {row.Measure} | {row.Value} | {row.Target} | {met} |");
}
