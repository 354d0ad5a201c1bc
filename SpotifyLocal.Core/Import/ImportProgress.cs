using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>A snapshot of a running import, reported at least once per written batch.</summary>
public sealed record ImportProgress(
    string JobId,
    ImportJobStatus Status,
    long TotalTracks,
    long ProcessedTracks,
    long Inserted,
    long Duplicates,
    long Skipped)
{
    /// <summary>Share of entries processed, 0–1 (0 while the total is unknown).</summary>
    public double Fraction => TotalTracks <= 0 ? 0 : Math.Min(1, (double)ProcessedTracks / TotalTracks);

    public static ImportProgress From(ImportJob job) =>
        new(job.Id, job.Status, job.TotalTracks, job.ProcessedTracks, job.Inserted, job.Duplicates, job.Skipped);
}
