namespace SpotifyLocal.Core.Import;

/// <summary>What <see cref="SyntheticExportGenerator"/> writes: how many rows, over which period, from which seed.</summary>
public sealed record SyntheticExportSettings(int Seed, int Rows, DateTimeOffset End, TimeSpan Span, int RowsPerFile = 15_000)
{
    /// <summary>The settings of the committed <c>samples/demo-export.zip</c>.</summary>
    public static SyntheticExportSettings Demo { get; } =
        new(Seed: 2026, Rows: 3_600, End: new DateTimeOffset(2026, 11, 20, 22, 0, 0, TimeSpan.Zero), Span: TimeSpan.FromDays(365), RowsPerFile: 1_500);
}
