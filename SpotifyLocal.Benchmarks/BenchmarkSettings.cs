namespace SpotifyLocal.Benchmarks;

/// <summary>Command-line knobs shared by scenarios (<c>--quick</c> shrinks every data set for a smoke run).</summary>
public sealed record BenchmarkSettings(bool Quick, string WorkDirectory);
