using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Import;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// Runs the imports of files uploaded on the web page in the background, so the upload request can answer at
/// once with the job's page: the same <see cref="ImportService"/> as the chat's /import, the same job record
/// (its progress is what the page polls). Owns the uploaded temp file and the person's upload lease until the
/// import ends, however it ends; at shutdown it cancels the imports still running and waits for them.
/// </summary>
public sealed partial class WebUploadService(IOptions<WebUploadOptions> options, ILogger<WebUploadService> logger) : IHostedService
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>A fresh path in the upload folder; the name is ours, never the uploader's.</summary>
    public string NewTempPath()
    {
        var directory = options.Value.ResolveTempDirectory();
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, $"upload-{Guid.NewGuid():N}.part");
    }

    /// <summary>
    /// Starts importing <paramref name="path"/> (deleted afterwards) and returns the new job's id as soon as the job
    /// is recorded. Throws <see cref="ImportRejectedException"/> when the import is refused before it has a job
    /// (another import of the person is running).
    /// </summary>
    public async Task<string> StartImportAsync(ImportService imports, string path, string fileName, string userId, IDisposable lease)
    {
        var started = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = Task.Run(() => RunAsync(imports, path, fileName, userId, lease, started), CancellationToken.None);
        _running.TryAdd(run, 0);
        _ = run.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return await started.Task;
    }

    /// <summary>Completes when every import started so far has ended and its upload is deleted.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Keys);

    /// <summary>Deletes an upload; a file that cannot be deleted is logged, not thrown.</summary>
    public void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogDeleteFailed(logger, ex, path);
        }
    }

    /// <summary>
    /// Deletes uploads a crash or a kill left behind: at start no upload of this bot is running, and every upload file
    /// is named <c>upload-*.part</c> by <see cref="NewTempPath"/>, so other files in the folder are never touched.
    /// </summary>
    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        var directory = options.Value.ResolveTempDirectory();
        if (Directory.Exists(directory))
        {
            foreach (var leftover in Directory.EnumerateFiles(directory, "upload-*.part"))
            {
                LogLeftoverDeleted(logger, leftover);
                Delete(leftover);
            }
        }

        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await WhenIdleAsync().WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RunAsync(ImportService imports, string path, string fileName, string userId, IDisposable lease, TaskCompletionSource<string> started)
    {
        try
        {
            var progress = new JobRecorded(started);
            await imports.ImportAsync(path, fileName, userId, progress, _stopping.Token);
        }
        catch (ImportRejectedException ex)
        {
            // With a job, the job holds the message and the page shows it; without one the upload request answers with it.
            started.TrySetException(ex);
        }
        catch (OperationCanceledException ex) when (_stopping.IsCancellationRequested)
        {
            started.TrySetException(new ImportRejectedException("The server is shutting down. Upload the file again once it is back.", ex));
        }
        catch (Exception ex)
        {
            LogImportFailed(logger, ex, userId);
            started.TrySetException(ex);
        }
        finally
        {
            Delete(path);
            lease.Dispose();
        }
    }

    /// <summary>Hands the job id to the upload request at the first report, which comes once the job is stored.</summary>
    private sealed class JobRecorded(TaskCompletionSource<string> started) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => started.TrySetResult(value.JobId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A web upload's import failed for {UserId}")]
    private static partial void LogImportFailed(ILogger logger, Exception exception, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleting {Path}, an upload left behind when the bot last stopped")]
    private static partial void LogLeftoverDeleted(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the uploaded file {Path}")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string path);
}
