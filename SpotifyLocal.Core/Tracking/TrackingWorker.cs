using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Tracking;

/// <summary>
/// Polls every linked user's recently-played on the adaptive <see cref="PollSchedule"/>. Each tick it starts the
/// due polls (oldest due first) within the global <see cref="TrackingOptions.MaxRequestsPerSecond"/> budget and
/// <see cref="TrackingOptions.MaxConcurrency"/>, without waiting for them: a slow or failing user only delays
/// itself. While Spotify's 429 gate is closed nothing is started.
/// </summary>
public sealed partial class TrackingWorker(
    IServiceScopeFactory scopeFactory,
    IUserStore users,
    SpotifyRateGate rateGate,
    IOptions<TrackingOptions> options,
    TimeProvider timeProvider,
    ILogger<TrackingWorker> logger) : BackgroundService
{
    /// <summary>A user Spotify reports as not allow-listed is retried this rarely (the owner may add them later).</summary>
    public static readonly TimeSpan NotAllowListedRetry = TimeSpan.FromHours(6);

    private readonly PollSchedule _schedule = new(options.Value);
    private readonly RequestBudget _budget = new(options.Value.MaxRequestsPerSecond, timeProvider);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrency, options.Value.MaxConcurrency);
    private readonly ConcurrentDictionary<string, UserPollState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _inFlight = new();
    private bool _pauseRestored;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    foreach (var poll in await StartDuePollsAsync(stoppingToken))
                    {
                        _inFlight[poll] = true;
                        _ = poll.ContinueWith(t => _inFlight.TryRemove(t, out _), TaskScheduler.Default);
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Also a cancellation that is not shutdown (a store or notifier timeout): escaping here would stop the host.
                    LogRoundFailed(logger, ex);
                }

                await Task.Delay(options.Value.TickInterval, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await Task.WhenAll(_inFlight.Keys);
    }

    /// <summary>One tick, awaited to the end: starts the due polls and waits for them (tests drive time with this).</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(await StartDuePollsAsync(cancellationToken));

    /// <summary>When the user's next poll is due, or null if the worker has not seen them yet (due at once).</summary>
    internal DateTimeOffset? NextPollAt(string spotifyId) => _states.TryGetValue(spotifyId, out var state) ? state.NextPollAt : null;

    /// <summary>Sends due relink reminders and starts every due poll the budget allows; returns the started polls.</summary>
    internal async Task<IReadOnlyList<Task>> StartDuePollsAsync(CancellationToken cancellationToken)
    {
        var linked = await users.ListLinkedAsync(cancellationToken);
        await SendRemindersAsync(linked, cancellationToken);
        await CheckPauseAsync(linked, cancellationToken);
        var linkedIds = linked.Select(u => u.SpotifyId).ToHashSet(StringComparer.Ordinal);
        foreach (var id in _states.Keys.Where(id => !linkedIds.Contains(id)))
        {
            _states.TryRemove(id, out _);
        }

        var pause = rateGate.PollingPauseRemaining;
        if (pause > TimeSpan.Zero)
        {
            LogPaused(logger, pause);
            return [];
        }

        var now = timeProvider.GetUtcNow();
        var started = new List<Task>();
        // GetOrAdd in the same step: a poll that ends with a relink removes its user's state from another thread.
        foreach (var (state, spotifyId) in linked
                     .Select(u => (State: _states.GetOrAdd(u.SpotifyId, _ => new UserPollState(now)), u.SpotifyId))
                     .Where(p => !p.State.InFlight && p.State.NextPollAt <= now)
                     .OrderBy(p => p.State.NextPollAt))
        {
            if (!_slots.Wait(0))
            {
                break;
            }

            if (!_budget.TryTake())
            {
                _slots.Release();
                break;
            }

            state.InFlight = true;
            started.Add(PollOneAsync(spotifyId, state, cancellationToken));
        }

        return started;
    }

    private async Task PollOneAsync(string spotifyId, UserPollState state, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var poller = scope.ServiceProvider.GetRequiredService<RecentPlaysPoller>();
            var result = await poller.PollAsync(spotifyId, cancellationToken);
            state.Failures = 0;
            if (result.Inserted > 0)
            {
                state.EmptyPolls = 0;
                state.NextPollAt = timeProvider.GetUtcNow() + _schedule.AfterNewPlays(result.WindowSpan);
            }
            else
            {
                state.EmptyPolls++;
                state.NextPollAt = timeProvider.GetUtcNow() + _schedule.AfterEmptyPoll(state.EmptyPolls);
            }

            LogPolled(logger, spotifyId, result.Fetched, result.Inserted, state.NextPollAt);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (SpotifyRateLimitedException ex)
        {
            // The gate already holds everybody back; this user goes first once it opens.
            state.NextPollAt = timeProvider.GetUtcNow() + ex.RetryAfter;
        }
        catch (SpotifyQuotaExceededException ex)
        {
            state.NextPollAt = timeProvider.GetUtcNow() + ex.Pause;
        }
        catch (SpotifyRelinkRequiredException)
        {
            // The token service marked the user NeedsRelink and told them; the next round drops them.
            _states.TryRemove(spotifyId, out _);
        }
        catch (SpotifyNotAllowListedException)
        {
            LogNotAllowListed(logger, spotifyId);
            state.NextPollAt = timeProvider.GetUtcNow() + NotAllowListedRetry;
        }
        catch (Exception ex)
        {
            state.Failures++;
            state.NextPollAt = timeProvider.GetUtcNow() + _schedule.AfterFailure(state.Failures);
            LogPollFailed(logger, ex, spotifyId, state.Failures, state.NextPollAt);
        }
        finally
        {
            state.InFlight = false;
            _slots.Release();
        }
    }

    /// <summary>Restores a stored Spotify pause before the first poll, and tells users once about a long one.</summary>
    private async Task CheckPauseAsync(IReadOnlyList<User> linked, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var pauses = scope.ServiceProvider.GetRequiredService<SpotifyPauseService>();
            if (!_pauseRestored)
            {
                await pauses.RestoreAsync(cancellationToken);
                _pauseRestored = true;
            }

            await pauses.TellUsersIfLongAsync(linked, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogPauseCheckFailed(logger, ex);
        }
    }

    private async Task SendRemindersAsync(IReadOnlyList<User> linked, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopeFactory.CreateAsyncScope();
            var reminders = scope.ServiceProvider.GetRequiredService<RelinkReminderService>();
            await reminders.SendDueAsync(linked, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogRemindersFailed(logger, ex);
        }
    }

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    /// <summary>The worker's in-memory view of one user; after a restart every user is simply due at once.</summary>
    private sealed class UserPollState(DateTimeOffset nextPollAt)
    {
        public DateTimeOffset NextPollAt { get; set; } = nextPollAt;

        public int EmptyPolls { get; set; }

        public int Failures { get; set; }

        public bool InFlight { get; set; }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Polled {SpotifyId}: {Fetched} items, {Inserted} new; next poll at {NextPollAt}")]
    private static partial void LogPolled(ILogger logger, string spotifyId, int fetched, int inserted, DateTimeOffset nextPollAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {SpotifyId} failed ({Failures} in a row); retrying at {NextPollAt}")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string spotifyId, int failures, DateTimeOffset nextPollAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Spotify says {SpotifyId} is not on the app's allow-list; add the user in the Spotify dashboard")]
    private static partial void LogNotAllowListed(ILogger logger, string spotifyId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Spotify polling paused for {Pause}")]
    private static partial void LogPaused(ILogger logger, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Error, Message = "A tracking round failed; retrying next tick")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the stored Spotify pause failed; retrying next tick")]
    private static partial void LogPauseCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending relink reminders failed; retrying next tick")]
    private static partial void LogRemindersFailed(ILogger logger, Exception exception);
}
