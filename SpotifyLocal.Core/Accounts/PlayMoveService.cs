using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Carries out the recorded <see cref="PlayMove"/>s: page by page (<see cref="PageSize"/> plays, oldest first) each page
/// goes through <see cref="PlayBatchWriter"/> under the target id, so the same duplicate rules as every other write apply
/// (a play the target already tracked is not doubled), then leaves the source. Short writes, never one long transaction,
/// so tracking stays responsive while a long history moves. Podcast and audiobook entries follow the same way
/// (<see cref="IEpisodePlayStore.ReassignAsync"/>) before the move's record is removed. Interrupted, it resumes where it stopped: the record stays
/// until the last page moved, and a page written but not yet deleted counts as duplicates the next time.
/// </summary>
public sealed partial class PlayMoveService(
    IPlayMoveStore moves,
    IPlayStore plays,
    IEpisodePlayStore episodes,
    IImportJobStore importJobs,
    IUserStore users,
    PlayBatchWriter writer,
    AccountWriters writers,
    ILogger<PlayMoveService> logger)
{
    public const int PageSize = PlayBatchWriter.BatchSize;

    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Wakes the worker: a move was recorded.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    /// <summary>Waits until <see cref="Request"/> was called.</summary>
    public async Task WaitForRequestAsync(CancellationToken cancellationToken) => await _requests.Reader.ReadAsync(cancellationToken);

    /// <summary>Finishes every recorded move, one at a time; a failing move is logged and stays for the next run.</summary>
    public async Task RunPendingAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            foreach (var move in await moves.ListAsync(cancellationToken))
            {
                try
                {
                    await MoveAsync(move, cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (Exception ex)
                {
                    LogMoveFailed(logger, ex, move.FromUserId, move.ToUserId);
                }
            }
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task MoveAsync(PlayMove move, CancellationToken cancellationToken)
    {
        // /forget of either side stops the move first (and removes its record).
        using var fromWrite = writers.Begin(move.FromUserId, cancellationToken);
        using var toWrite = writers.Begin(move.ToUserId, cancellationToken);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(fromWrite.Token, toWrite.Token);
        var token = both.Token;
        var total = InsertResult.Empty;
        while (true)
        {
            var page = await plays.GetOldestAsync(move.FromUserId, PageSize, token);
            if (page.Count == 0)
            {
                break;
            }

            total = total.Add(await writer.WriteAsync([.. page.Select(p => p with { UserId = move.ToUserId })], token));
            await plays.DeletePlaysAsync(move.FromUserId, page, token);
        }

        var movedEpisodes = await episodes.ReassignAsync(move.FromUserId, move.ToUserId, token);
        await importJobs.ReassignAsync(move.FromUserId, move.ToUserId, token);
        await users.DeleteAsync(move.FromUserId, token);
        await moves.RemoveAsync(move.FromUserId, token);
        LogMoved(logger, move.FromUserId, move.ToUserId, total.Inserted, total.Duplicates, movedEpisodes.Inserted);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Moved the plays of {FromUserId} to {ToUserId}: {Inserted} stored, {Duplicates} already there, {Episodes} podcast/audiobook entries stored")]
    private static partial void LogMoved(ILogger logger, string fromUserId, string toUserId, int inserted, int duplicates, int episodes);

    [LoggerMessage(Level = LogLevel.Error, Message = "Moving the plays of {FromUserId} to {ToUserId} failed; it resumes at the next run")]
    private static partial void LogMoveFailed(ILogger logger, Exception exception, string fromUserId, string toUserId);
}
