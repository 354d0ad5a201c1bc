using System.Text.Json;
using System.Text.Json.Serialization;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// What <c>GET /api/imports/{jobId}</c> answers: the import job's record as the chat import keeps it (entries
/// processed of the total, new plays, already stored, left out by reason, podcast/audiobook entries stored apart, the failure message), with the status
/// in lower case and <see cref="Finished"/> once nothing will change any more.
/// </summary>
public sealed record WebImportJob(
    string Id,
    string FileName,
    string Status,
    bool Finished,
    long TotalTracks,
    long ProcessedTracks,
    long Inserted,
    long Duplicates,
    long Skipped,
    IReadOnlyDictionary<string, long> SkippedByReason,
    long EpisodesInserted,
    long EpisodeDuplicates,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static WebImportJob From(ImportJob job) => new(
        job.Id,
        job.FileName,
        job.Status.ToString().ToLowerInvariant(),
        !job.IsActive,
        job.TotalTracks,
        job.ProcessedTracks,
        job.Inserted,
        job.Duplicates,
        job.Skipped,
        job.SkippedByReason,
        job.EpisodesInserted,
        job.EpisodeDuplicates,
        job.Error,
        job.CreatedAt,
        job.CompletedAt);
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(WebImportJob))]
[JsonSerializable(typeof(WebError))]
internal sealed partial class WebUploadJsonContext : JsonSerializerContext;
