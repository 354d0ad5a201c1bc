namespace SpotifyLocal.Benchmarks;

/// <summary>
/// One measured scenario. Program discovers every implementation, runs the ones named on the command
/// line (or all), and prints their rows into one Markdown table for the README.
/// </summary>
public interface IBenchmarkScenario
{
    /// <summary>Short name used on the command line (<c>dotnet run -c Release --project SpotifyLocal.Benchmarks -- insert</c>).</summary>
    string Name { get; }

    /// <summary>Runs the scenario and returns its table rows.</summary>
    Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken);
}
