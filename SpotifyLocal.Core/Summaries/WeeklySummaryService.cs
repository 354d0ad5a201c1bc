using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// Posts each due weekly summary exactly once. For every target whose week is due (see <see cref="WeeklySchedule"/>):
/// nothing to post → a Skipped ledger entry; otherwise the ledger entry is created (atomically, Decided) BEFORE posting
/// and marked Posted after. An entry left Decided by a crash is re-sent only where the platform deduplicates it by
/// nonce and only within <see cref="SummariesOptions.RetryWindow"/>; anywhere else it is Abandoned: a summary may be
/// lost to a crash at that exact moment, but it is never posted twice.
/// </summary>
public sealed class WeeklySummaryService(
    SummaryTargetSource targets,
    WeeklySchedule schedule,
    ISummaryLedgerStore ledger,
    ServerSummaryComposer servers,
    UserSummaryComposer users,
    IEnumerable<ISummaryPublisher> publishers,
    IOptions<SummariesOptions> options,
    TimeProvider time,
    ILogger<WeeklySummaryService> logger)
{
    private readonly Dictionary<string, ISummaryPublisher> _publishers = publishers.ToDictionary(p => p.Platform, StringComparer.Ordinal);

    // (target, week) pairs already settled in this process: saves a ledger read per target per check.
    private readonly ConcurrentDictionary<(string Target, string Week), bool> _settled = new();

    /// <summary>Posts every summary that is due now; one target's failure is logged and does not stop the others.</summary>
    /// <returns>How many summaries were posted.</returns>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        var posted = 0;
        foreach (var target in await targets.ListAsync(cancellationToken))
        {
            try
            {
                posted += await RunAsync(target, cancellationToken) ? 1 : 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Weekly summary for {Target} failed; it is tried again at the next check", target.Key);
            }
        }

        return posted;
    }

    private async Task<bool> RunAsync(SummaryTarget target, CancellationToken cancellationToken)
    {
        if (!_publishers.TryGetValue(target.Platform, out var publisher))
        {
            return false;
        }

        var now = time.GetUtcNow();
        if (schedule.DueWeek(now, UserTimeZones.FindOrUtc(target.TimeZone)) is not { } due || _settled.ContainsKey((target.Key, due.Key)))
        {
            return false;
        }

        var entry = await ledger.GetAsync(target.Key, due.Key, cancellationToken);
        if (entry is null)
        {
            return await PostNewAsync(target, due, publisher, now, cancellationToken);
        }

        if (entry.State != SummaryLedgerState.Decided)
        {
            _settled[(target.Key, due.Key)] = true;
            return false;
        }

        return await ResumeAsync(target, due, publisher, entry, now, cancellationToken);
    }

    private async Task<bool> PostNewAsync(SummaryTarget target, ScheduledWeek due, ISummaryPublisher publisher, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nonce = Nonce(target.Key, due.Key);
        var message = await ComposeAsync(target, due.Week, cancellationToken);
        if (message is null)
        {
            await ledger.TryCreateAsync(
                new SummaryLedgerEntry(target.Key, due.Key, SummaryLedgerState.Skipped, nonce, now) { CompletedAt = now, Detail = "no plays" },
                cancellationToken);
            _settled[(target.Key, due.Key)] = true;
            logger.LogInformation("No weekly summary for {Target}, week of {Week}: no plays", target.Key, due.Key);
            return false;
        }

        // The decision is stored first: if another instance or an earlier run got here, it owns this week.
        if (!await ledger.TryCreateAsync(new SummaryLedgerEntry(target.Key, due.Key, SummaryLedgerState.Decided, nonce, now), cancellationToken))
        {
            return false;
        }

        return await PublishAsync(target, due, publisher, message, nonce, cancellationToken);
    }

    private async Task<bool> ResumeAsync(
        SummaryTarget target, ScheduledWeek due, ISummaryPublisher publisher, SummaryLedgerEntry entry, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (publisher.DeduplicatesRetries && now - entry.DecidedAt <= options.Value.RetryWindow)
        {
            logger.LogInformation("Re-sending the unconfirmed weekly summary for {Target}, week of {Week}, with its nonce", target.Key, due.Key);
            var message = await ComposeAsync(target, due.Week, cancellationToken);
            if (message is not null)
            {
                return await PublishAsync(target, due, publisher, message, entry.Nonce, cancellationToken);
            }
        }

        await ledger.CompleteAsync(
            target.Key, due.Key, SummaryLedgerState.Abandoned, now, "not confirmed before a restart; not re-sent so it cannot be posted twice", cancellationToken);
        _settled[(target.Key, due.Key)] = true;
        logger.LogWarning(
            "The weekly summary for {Target}, week of {Week}, was decided at {DecidedAt} but never confirmed; it is not re-sent so it cannot appear twice",
            target.Key, due.Key, entry.DecidedAt);
        return false;
    }

    private async Task<bool> PublishAsync(
        SummaryTarget target, ScheduledWeek due, ISummaryPublisher publisher, SummaryMessage message, string nonce, CancellationToken cancellationToken)
    {
        string messageId;
        try
        {
            messageId = await publisher.PublishAsync(target, message, nonce, cancellationToken);
        }
        catch (SummaryDestinationGoneException ex)
        {
            await ledger.CompleteAsync(target.Key, due.Key, SummaryLedgerState.Failed, time.GetUtcNow(), ex.Message, cancellationToken);
            await targets.DisableAsync(target, ex.Message, cancellationToken);
            _settled[(target.Key, due.Key)] = true;
            logger.LogWarning(
                "Weekly summaries for {Target} are now off: {Platform} refused the post ({Reason}). Turn them on again with /weekly",
                target.Key, target.Platform, ex.Message);
            return false;
        }

        await ledger.CompleteAsync(target.Key, due.Key, SummaryLedgerState.Posted, time.GetUtcNow(), messageId, cancellationToken);
        _settled[(target.Key, due.Key)] = true;
        logger.LogInformation("Posted the weekly summary for {Target}, week of {Week}", target.Key, due.Key);
        return true;
    }

    private Task<SummaryMessage?> ComposeAsync(SummaryTarget target, Period week, CancellationToken cancellationToken) =>
        target.Kind == SummaryTargetKind.Server
            ? servers.ComposeAsync(target.Id, week, TopKind.Artists, options.Value.ServerTopCount, "This week in the server", cancellationToken)
            : users.ComposeAsync(target.UserId ?? new ChatIdentity(target.Platform, target.Id).LocalUserId, null, week, cancellationToken);

    /// <summary>The same (target, week) always gets the same nonce (≤ 25 characters, Discord's limit).</summary>
    private static string Nonce(string targetKey, string week) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{targetKey}|{week}")))[..25];
}
