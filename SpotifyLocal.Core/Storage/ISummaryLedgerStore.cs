namespace SpotifyLocal.Core.Storage;

/// <summary>The weekly-summary ledger: one entry per (target, week), created atomically before anything is posted.</summary>
public interface ISummaryLedgerStore
{
    Task<SummaryLedgerEntry?> GetAsync(string targetKey, string week, CancellationToken cancellationToken);

    /// <summary>Creates the entry; false (and nothing changed) when one for that target and week already exists.</summary>
    Task<bool> TryCreateAsync(SummaryLedgerEntry entry, CancellationToken cancellationToken);

    /// <summary>Moves an existing entry to its final state.</summary>
    Task CompleteAsync(
        string targetKey, string week, SummaryLedgerState state, DateTimeOffset at, string? detail, CancellationToken cancellationToken);

    /// <summary>Deletes every entry of a target (a user who asked to be forgotten); returns how many.</summary>
    Task<int> DeleteTargetAsync(string targetKey, CancellationToken cancellationToken);
}
