using System.Buffers;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// Imports from the personal page: <c>/web/upload</c> (the form and past imports; its POST streams the file to
/// disk, never into memory, and refuses it the moment it passes <see cref="ImportOptions.MaxFileBytes"/>), an
/// import job's page <c>/web/imports/{jobId}</c> and its JSON <c>/api/imports/{jobId}</c>. Jobs are found by id
/// but answered only to the session whose person they belong to; any other id is a 404.
/// </summary>
public static partial class WebUploadEndpoints
{
    public const string UploadPath = "/web/upload";

    public const string JobPagePrefix = "/web/imports/";

    public const string JobApiPrefix = "/api/imports/";

    /// <summary>The <c>to</c> value of a <c>/web/open</c> link that lands on the upload page.</summary>
    public const string OpenTarget = "upload";

    public const string FileFieldName = "file";

    /// <summary>Room around the file in the request body: boundaries, part headers, the token field.</summary>
    private const long EnvelopeBytes = 1 << 20;

    private const int MaxFieldBytes = 4 * 1024;

    private const int HistoryLength = 50;

    /// <summary>A personal <c>/web</c> link that opens on the upload page.</summary>
    public static string UploadLink(WebLinks links, ChatIdentity identity) => links.CreateLink(identity) + "&to=" + OpenTarget;

    public static IEndpointRouteBuilder MapWebUploadEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(UploadPath, UploadPageAsync);
        endpoints.MapPost(UploadPath, UploadAsync);
        endpoints.MapGet(JobPagePrefix + "{jobId}", JobPageAsync);
        endpoints.MapGet(JobApiPrefix + "{jobId}", JobApiAsync);
        return endpoints;
    }

    private static async Task<IResult> UploadPageAsync(HttpContext http, AccountLifecycleService accounts, IImportJobStore jobs, IOptions<ImportOptions> options)
    {
        if (http.RequestServices.GetService<ImportService>() is null)
        {
            return Results.NotFound();
        }

        if (WebEndpoints.FindSession(http) is not { } session)
        {
            return SignedOut();
        }

        var userId = await accounts.ResolveUserIdAsync(session.Identity, http.RequestAborted);
        var history = (await jobs.ListForUserAsync(userId, http.RequestAborted))
            .OrderByDescending(j => j.CreatedAt)
            .Take(HistoryLength)
            .ToList();
        return Html(WebUploadPageRenderer.Upload(session, history, options.Value.MaxFileBytes), StatusCodes.Status200OK);
    }

    private static async Task<IResult> JobPageAsync(string jobId, HttpContext http, AccountLifecycleService accounts, IImportJobStore jobs, IOptions<ImportOptions> options)
    {
        if (WebEndpoints.FindSession(http) is not { } session)
        {
            return SignedOut();
        }

        return await FindOwnJobAsync(jobId, session, accounts, jobs, http.RequestAborted) is { } job
            ? Html(WebUploadPageRenderer.Job(job, options.Value), StatusCodes.Status200OK)
            : Html(WebPageRenderer.Message("No such import", "There is no import with this address among yours."), StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> JobApiAsync(string jobId, HttpContext http, AccountLifecycleService accounts, IImportJobStore jobs)
    {
        if (WebEndpoints.FindSession(http) is not { } session)
        {
            return JsonError("Not signed in: send /web in your chat for a link.", StatusCodes.Status401Unauthorized);
        }

        return await FindOwnJobAsync(jobId, session, accounts, jobs, http.RequestAborted) is { } job
            ? Results.Json(WebImportJob.From(job), WebUploadJsonContext.Default.WebImportJob)
            : JsonError("No such import among yours.", StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The streamed upload: session (401), CSRF token from the header or the form's first field (403), the
    /// person's upload limits (429), then the file section copied to a temp file while counting (413 past the cap,
    /// the partial file deleted), then the import started in the background and a 303 to its page.
    /// </summary>
    private static async Task<IResult> UploadAsync(
        HttpContext http,
        AccountLifecycleService accounts,
        WebUploadRateLimiter limiter,
        WebUploadService uploads,
        IOptions<ImportOptions> options,
        ILoggerFactory loggers)
    {
        if (http.RequestServices.GetService<ImportService>() is not { } imports)
        {
            return Results.NotFound();
        }

        if (WebEndpoints.FindSession(http) is not { } session)
        {
            return SignedOut();
        }

        var maxFileBytes = options.Value.MaxFileBytes;
        var maxBodyBytes = maxFileBytes > long.MaxValue - EnvelopeBytes ? long.MaxValue : maxFileBytes + EnvelopeBytes;
        // Kestrel's 30 MB default applies to every other endpoint; this one alone takes an export of up to the cap.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = maxBodyBytes;
        }

        var cancellationToken = http.RequestAborted;
        var boundary = MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var mediaType)
            && mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
                ? HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value
                : null;
        if (string.IsNullOrEmpty(boundary))
        {
            return await WebForms.IsGenuine(http, session, cancellationToken)
                ? Html(WebPageRenderer.Message("No file", "Choose your export file in the upload form."), StatusCodes.Status400BadRequest)
                : Forbidden();
        }

        var logger = loggers.CreateLogger(typeof(WebUploadEndpoints));
        var reader = new MultipartReader(boundary, http.Request.Body) { BodyLengthLimit = null };
        IDisposable? lease = null;
        string? path = null;
        try
        {
            var section = await reader.ReadNextSectionAsync(cancellationToken);
            string? sent = http.Request.Headers[WebForms.TokenHeader];
            if (section is not null && FieldName(section) == WebForms.TokenFieldName)
            {
                var field = await ReadFieldAsync(section, cancellationToken);
                sent = string.IsNullOrEmpty(sent) ? field : sent;
                section = await reader.ReadNextSectionAsync(cancellationToken);
            }

            // The token must come before the file (the form puts it first), so a forged post is refused before any byte is stored.
            if (!WebForms.IsGenuineToken(http, session, sent))
            {
                return Forbidden();
            }

            var userId = await accounts.ResolveUserIdAsync(session.Identity, cancellationToken);
            if (http.Request.ContentLength > maxBodyBytes)
            {
                return TooLarge(FileNameOf(section) ?? "The file", maxFileBytes);
            }

            lease = limiter.TryAcquire(userId, out var refusal, out var retryAfter);
            if (lease is null)
            {
                http.Response.Headers.RetryAfter = ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return Html(WebPageRenderer.Message("Too many uploads", refusal), StatusCodes.Status429TooManyRequests);
            }

            while (section is not null && FileNameOf(section) is null)
            {
                await ReadFieldAsync(section, cancellationToken);
                section = await reader.ReadNextSectionAsync(cancellationToken);
            }

            if (section is null)
            {
                return Html(WebPageRenderer.Message("No file", "Choose your export file in the upload form."), StatusCodes.Status400BadRequest);
            }

            var fileName = FileNameOf(section)!;
            path = uploads.NewTempPath();
            bool fits;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                fits = await CopyAtMostAsync(section.Body, target, maxFileBytes, cancellationToken);
            }

            if (!fits)
            {
                LogTooLarge(logger, userId, maxFileBytes);
                return TooLarge(fileName, maxFileBytes);
            }

            // From here the upload service owns the file and the lease, however the import ends.
            var (ownedPath, ownedLease) = (path, lease);
            (path, lease) = (null, null);
            var jobId = await uploads.StartImportAsync(imports, ownedPath, fileName, userId, ownedLease);
            http.Response.Headers.Location = JobPagePrefix + jobId;
            return Results.StatusCode(StatusCodes.Status303SeeOther);
        }
        catch (ImportRejectedException ex)
        {
            return Html(WebPageRenderer.Message("Not imported", ex.Message), StatusCodes.Status409Conflict);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge("The upload", maxFileBytes);
        }
        catch (BadHttpRequestException ex)
        {
            LogBrokenUpload(logger, ex);
            return Html(WebPageRenderer.Message("Upload broken off", "The upload did not arrive completely. Try again."), ex.StatusCode);
        }
        catch (InvalidDataException ex)
        {
            LogBrokenUpload(logger, ex);
            return Html(WebPageRenderer.Message("Not a file upload", "Send the file with the upload form."), StatusCodes.Status400BadRequest);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The browser went away (tab closed, connection lost): nobody reads an answer.
            return Results.Empty;
        }
        finally
        {
            if (path is not null)
            {
                uploads.Delete(path);
            }

            lease?.Dispose();
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>; false as soon as it passes <paramref name="maxBytes"/>.</summary>
    private static async Task<bool> CopyAtMostAsync(Stream source, Stream target, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    return false;
                }

                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A small form field's value; a field larger than a token is not one of ours.</summary>
    private static async Task<string> ReadFieldAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        using var value = new MemoryStream();
        if (!await CopyAtMostAsync(section.Body, value, MaxFieldBytes, cancellationToken))
        {
            throw new InvalidDataException("A form field is larger than " + MaxFieldBytes + " bytes.");
        }

        return System.Text.Encoding.UTF8.GetString(value.GetBuffer(), 0, (int)value.Length);
    }

    private static string? FieldName(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            ? HeaderUtilities.RemoveQuotes(disposition.Name).Value
            : null;

    /// <summary>The uploader's name of the file (last path segment only), or null for a section that is no file.</summary>
    private static string? FileNameOf(MultipartSection? section)
    {
        if (section is null || !ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
            || !disposition.IsFileDisposition())
        {
            return null;
        }

        var name = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        name = Path.GetFileName(name?.Replace('\\', '/') ?? string.Empty);
        return string.IsNullOrWhiteSpace(name) ? "export" : UserText.Printable(name);
    }

    private static async Task<ImportJob?> FindOwnJobAsync(string jobId, WebSession session, AccountLifecycleService accounts, IImportJobStore jobs, CancellationToken cancellationToken)
    {
        var job = await jobs.GetAsync(jobId, cancellationToken);
        return job is not null && job.UserId == await accounts.ResolveUserIdAsync(session.Identity, cancellationToken) ? job : null;
    }

    private static IResult TooLarge(string fileName, long maxFileBytes) => Html(
        WebPageRenderer.Message(
            "File too large",
            $"{fileName} is larger than the {ByteSizes.Describe(maxFileBytes)} this server accepts (Import:MaxFileBytes), so nothing of it was kept. "
            + "Upload one of the Streaming_History JSON files inside the ZIP instead, or ask whoever runs the bot to raise the limit."),
        StatusCodes.Status413PayloadTooLarge);

    private static IResult Forbidden() => Html(
        WebPageRenderer.Message("Upload refused", "This upload did not come from your upload page. Open the page again and send the file from there."),
        StatusCodes.Status403Forbidden);

    private static IResult SignedOut() => Html(
        WebPageRenderer.Message("Signed out", "Send /web in your chat for a new link to your page."),
        StatusCodes.Status401Unauthorized);

    private static IResult JsonError(string message, int status) =>
        Results.Json(new WebError(message), WebUploadJsonContext.Default.WebError, statusCode: status);

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);

    [LoggerMessage(Level = LogLevel.Information, Message = "A web upload of {UserId} passed {MaxFileBytes} bytes and was refused")]
    private static partial void LogTooLarge(ILogger logger, string userId, long maxFileBytes);

    [LoggerMessage(Level = LogLevel.Information, Message = "A web upload broke off")]
    private static partial void LogBrokenUpload(ILogger logger, Exception exception);
}
