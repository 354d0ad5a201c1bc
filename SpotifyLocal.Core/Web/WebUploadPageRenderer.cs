using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// The upload page (the form and the person's past imports) and an import job's page (live progress through
/// <c>/web/static/import-progress.js</c>, then the summary): plain HTML, ids a browser test can find.
/// </summary>
public static class WebUploadPageRenderer
{
    public const string ProgressScript = WebAssets.PathPrefix + "import-progress.js";

    public static string Upload(WebSession session, IReadOnlyList<ImportJob> history, long maxFileBytes)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Import your Spotify history</h1>
            <nav><a href="{WebEndpoints.DashboardPath}">Dashboard</a></nav>
            <p>Ask Spotify for your data on its privacy page ("Extended streaming history" is best; "Account data" works too).
            Upload the ZIP Spotify sends as it is, or one of the Streaming_History JSON files inside it: up to {ByteSizes.Describe(maxFileBytes)}.
            Plays already stored are not counted twice, so uploading the same export again is safe.</p>
            <form id="upload-form" method="post" action="{WebUploadEndpoints.UploadPath}" enctype="multipart/form-data">{WebForms.TokenField(session)}
            <label>Export file <input type="file" id="upload-file" name="file" accept=".zip,.json,application/zip,application/json" required></label>
            <button id="upload-submit">Upload and import</button></form>
            <h2>Your imports</h2>
            """);
        AppendHistory(body, history);
        return WebPageRenderer.Page("Import", body.ToString());
    }

    /// <summary>
    /// The person's imports, newest first, each linking to its job page: <c>table#import-history</c> with one
    /// <c>tr[data-job-id]</c> per job, or <c>#import-history-empty</c>. The upload page and the dashboard show it.
    /// </summary>
    public static void AppendHistory(StringBuilder body, IReadOnlyList<ImportJob> history)
    {
        if (history.Count == 0)
        {
            body.Append("<p id=\"import-history-empty\">No imports yet.</p>");
            return;
        }

        body.Append("<div class=\"wrap\"><table id=\"import-history\"><thead><tr><th>Started</th><th>File</th><th>Status</th><th>New plays</th><th>Already stored</th><th>Left out</th></tr></thead><tbody>");
        foreach (var job in history)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <tr data-job-id="{Encode(job.Id)}"><td>{job.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC</td><td><a href="{WebUploadEndpoints.JobPagePrefix}{Encode(job.Id)}">{Encode(job.FileName)}</a></td><td>{StatusName(job)}</td><td>{job.Inserted:N0}</td><td>{job.Duplicates:N0}</td><td>{job.Skipped:N0}</td></tr>
                """);
        }

        body.Append("</tbody></table></div>");
    }

    public static string Job(ImportJob job, ImportOptions rules)
    {
        var body = new StringBuilder();
        var progress = job.TotalTracks > 0
            ? string.Create(CultureInfo.InvariantCulture, $"<progress id=\"import-progress\" max=\"{job.TotalTracks}\" value=\"{job.ProcessedTracks}\"></progress>")
            : "<progress id=\"import-progress\"></progress>";
        body.Append(CultureInfo.InvariantCulture, $"""
            <h1>Import of {Encode(job.FileName)}</h1>
            <nav><a href="{WebEndpoints.DashboardPath}">Dashboard</a> <a href="{WebUploadEndpoints.UploadPath}">Upload another file</a></nav>
            <section id="import-job" data-api="{WebUploadEndpoints.JobApiPrefix}{Encode(job.Id)}" data-finished="{(job.IsActive ? "false" : "true")}">
            <p id="import-status">{StatusText(job)}</p>
            {progress}
            <p id="import-counts">{Counts(job)}</p>
            """);
        if (!job.IsActive)
        {
            AppendSummary(body, job, rules);
        }

        body.Append("</section>");
        return WebPageRenderer.Page("Import", body.ToString(), ProgressScript);
    }

    private static void AppendSummary(StringBuilder body, ImportJob job, ImportOptions rules)
    {
        body.Append("<section id=\"import-summary\"><h2>Summary</h2>");
        if (job.Status == ImportJobStatus.Failed)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"import-error\" class=\"error\">{Encode(job.Error)}</p>");
        }

        body.Append(CultureInfo.InvariantCulture, $"""
            <p><strong id="summary-inserted">{job.Inserted:N0}</strong> new plays · <strong id="summary-duplicates">{job.Duplicates:N0}</strong> already stored · <strong id="summary-skipped">{job.Skipped:N0}</strong> left out (of {job.TotalTracks:N0} entries)</p>
            """);
        if (job.EpisodesInserted + job.EpisodeDuplicates > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"""
                <p><strong id="summary-episodes">{job.EpisodesInserted + job.EpisodeDuplicates:N0}</strong> podcast/audiobook entries stored apart ({job.EpisodesInserted:N0} new, {job.EpisodeDuplicates:N0} already stored), never counted as music</p>
                """);
        }
        if (job.SkippedByReason.Count > 0)
        {
            body.Append("<ul id=\"summary-skipped-reasons\">");
            foreach (var (reason, count) in job.SkippedByReason.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
            {
                body.Append(CultureInfo.InvariantCulture, $"<li data-reason=\"{Encode(reason)}\">{Encode(ReasonText(reason, rules))}: {count:N0}</li>");
            }

            body.Append("</ul>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<p><a href=\"{WebEndpoints.DashboardPath}?period=all\">See all your plays</a></p></section>");
    }

    private static string StatusName(ImportJob job) => job.Status.ToString().ToLowerInvariant();

    private static string StatusText(ImportJob job) => job.Status switch
    {
        ImportJobStatus.Pending => "Waiting to start…",
        ImportJobStatus.Processing when job.TotalTracks == 0 => "Checking the file…",
        ImportJobStatus.Processing => "Importing…",
        ImportJobStatus.Completed => "Finished.",
        _ => "Failed.",
    };

    private static string Counts(ImportJob job) =>
        string.Create(CultureInfo.InvariantCulture, $"{job.ProcessedTracks:N0} of {job.TotalTracks:N0} entries · {job.Inserted:N0} new plays");

    private static string ReasonText(string reason, ImportOptions rules) => reason switch
    {
        SkipReasons.Short => string.Create(CultureInfo.InvariantCulture, $"shorter than {rules.MinPlayedMs / 1000.0:0.###} s"),
        SkipReasons.Incognito => "private session (incognito)",
        SkipReasons.Podcast => "podcast episodes",
        SkipReasons.Video => "videos",
        SkipReasons.Audiobook => "audiobook chapters",
        SkipReasons.NoTrack => "no track (removed or unknown)",
        SkipReasons.CoveredByExtended => "already in the extended history",
        SkipReasons.ImplausibleMsPlayed => "longer than a day",
        SkipReasons.InTheFuture => "in the future",
        SkipReasons.BeforeSpotify => "before 2006",
        _ => reason,
    };

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
}
