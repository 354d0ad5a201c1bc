using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Storage;

/// <summary>The weekly-summary stores of one backend instance, plus how to throw it away.</summary>
public sealed record SummaryStoresUnderTest(
    IServerSettingsStore Servers,
    IWeeklySubscriptionStore Subscriptions,
    ISummaryLedgerStore Ledger,
    Func<ValueTask> DisposeAsync);
