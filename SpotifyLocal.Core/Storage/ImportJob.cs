namespace SpotifyLocal.Core.Storage;

/// <summary>One import of a data-export file, with live progress and the final counts.</summary>
public sealed record ImportJob
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public ImportJobStatus Status { get; init; } = ImportJobStatus.Pending;

    public required string FileName { get; init; }

    public long TotalTracks { get; init; }

    public long ProcessedTracks { get; init; }

    public long Inserted { get; init; }

    public long Duplicates { get; init; }

    public long Skipped { get; init; }

    /// <summary>Podcast and audiobook entries newly stored apart from music plays (<see cref="IEpisodePlayStore"/>).</summary>
    public long EpisodesInserted { get; init; }

    /// <summary>Podcast and audiobook entries that were already stored.</summary>
    public long EpisodeDuplicates { get; init; }

    /// <summary>Skipped entries by reason (e.g. <c>podcast</c>, <c>short</c>, <c>incognito</c>, <c>no-track</c>).</summary>
    public IReadOnlyDictionary<string, long> SkippedByReason { get; init; } = new Dictionary<string, long>();

    /// <summary>A human-readable reason when <see cref="Status"/> is <see cref="ImportJobStatus.Failed"/>.</summary>
    public string? Error { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The process running the job while it is active (<c>host:pid:startUnixMs</c>), so a killed one is recognised.</summary>
    public string? Owner { get; init; }

    /// <summary>Until when the running process claims the job; it renews this while it works.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    public bool IsActive => Status is ImportJobStatus.Pending or ImportJobStatus.Processing;
}
