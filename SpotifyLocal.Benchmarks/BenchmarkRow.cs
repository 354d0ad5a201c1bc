namespace SpotifyLocal.Benchmarks;

/// <summary>One line of the README's performance table.</summary>
public sealed record BenchmarkRow(string Scenario, string Measure, string Value, string Target, bool? MeetsTarget);
