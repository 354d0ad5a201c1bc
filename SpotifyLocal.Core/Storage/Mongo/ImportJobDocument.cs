namespace SpotifyLocal.Core.Storage.Mongo;

/// <summary>
/// An <see cref="ImportJob"/> as stored in the <c>import_jobs</c> collection. <c>status</c> is
/// <c>pending</c>, <c>processing</c>, <c>completed</c> or <c>failed</c>; <c>active</c> mirrors
/// "pending or processing" so a unique partial index can allow one active job per user on any server version.
/// </summary>
public sealed class ImportJobDocument
{
    public const string Pending = "pending";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    /// <summary>The job id, stored as <c>_id</c>.</summary>
    public string Id { get; set; } = string.Empty;

    public string UserId { get; set; } = string.Empty;

    public string Status { get; set; } = Pending;

    public bool Active { get; set; }

    public string FileName { get; set; } = string.Empty;

    public long TotalTracks { get; set; }

    public long ProcessedTracks { get; set; }

    public long Inserted { get; set; }

    public long Duplicates { get; set; }

    public long Skipped { get; set; }

    // Absent on jobs stored before podcasts were kept: read as 0, which is what those imports stored.
    public long EpisodesInserted { get; set; }

    public long EpisodeDuplicates { get; set; }

    public Dictionary<string, long> SkippedByReason { get; set; } = [];

    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? CompletedAt { get; set; }

    public string? Owner { get; set; }

    public DateTime? LeaseExpiresAt { get; set; }

    public static ImportJobDocument From(ImportJob job) => new()
    {
        Id = job.Id,
        UserId = job.UserId,
        Status = ToElement(job.Status),
        Active = job.IsActive,
        FileName = job.FileName,
        TotalTracks = job.TotalTracks,
        ProcessedTracks = job.ProcessedTracks,
        Inserted = job.Inserted,
        Duplicates = job.Duplicates,
        Skipped = job.Skipped,
        EpisodesInserted = job.EpisodesInserted,
        EpisodeDuplicates = job.EpisodeDuplicates,
        SkippedByReason = new Dictionary<string, long>(job.SkippedByReason, StringComparer.Ordinal),
        Error = job.Error,
        CreatedAt = MongoTime.ToBson(job.CreatedAt),
        StartedAt = MongoTime.ToBson(job.StartedAt),
        CompletedAt = MongoTime.ToBson(job.CompletedAt),
        Owner = job.Owner,
        LeaseExpiresAt = MongoTime.ToBson(job.LeaseExpiresAt),
    };

    public ImportJob ToImportJob() => new()
    {
        Id = Id,
        UserId = UserId,
        Status = ToStatus(Status),
        FileName = FileName,
        TotalTracks = TotalTracks,
        ProcessedTracks = ProcessedTracks,
        Inserted = Inserted,
        Duplicates = Duplicates,
        Skipped = Skipped,
        EpisodesInserted = EpisodesInserted,
        EpisodeDuplicates = EpisodeDuplicates,
        SkippedByReason = new Dictionary<string, long>(SkippedByReason, StringComparer.Ordinal),
        Error = Error,
        CreatedAt = MongoTime.FromBson(CreatedAt),
        StartedAt = MongoTime.FromBson(StartedAt),
        CompletedAt = MongoTime.FromBson(CompletedAt),
        Owner = Owner,
        LeaseExpiresAt = MongoTime.FromBson(LeaseExpiresAt),
    };

    public static string ToElement(ImportJobStatus status) => status switch
    {
        ImportJobStatus.Pending => Pending,
        ImportJobStatus.Processing => Processing,
        ImportJobStatus.Completed => Completed,
        ImportJobStatus.Failed => Failed,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown import job status."),
    };

    public static ImportJobStatus ToStatus(string element) => element switch
    {
        Pending => ImportJobStatus.Pending,
        Processing => ImportJobStatus.Processing,
        Completed => ImportJobStatus.Completed,
        Failed => ImportJobStatus.Failed,
        _ => throw new FormatException($"Unknown import job status '{element}' in the import_jobs collection."),
    };
}
