using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Import;

/// <summary>An <see cref="ImportService"/> over a real SQLite file, plus temp export files.</summary>
public sealed class ImportHarness : IAsyncDisposable
{
    /// <param name="plays">The play store to import into; the SQLite database's by default.</param>
    public ImportHarness(ImportOptions? options = null, IPlayStore? plays = null)
    {
        Options = options ?? new ImportOptions();
        Plays = plays ?? Database.Plays;
        Episodes = new SpotifyLocal.Core.Storage.Sqlite.SqliteEpisodePlayStore(Database.Database);
        Service = new ImportService(
            Database.ImportJobs,
            Database.Users,
            new PlayBatchWriter(Plays),
            Episodes,
            new SpotifyLocal.Core.Accounts.AccountWriters(),
            Microsoft.Extensions.Options.Options.Create(Options),
            Time,
            NullLogger<ImportService>.Instance);
    }

    public static DateTimeOffset Start { get; } = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    public SqliteTestDatabase Database { get; } = new();

    public ExportFiles Files { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    public ImportOptions Options { get; }

    public IPlayStore Plays { get; }

    /// <summary>Where podcast and audiobook entries land (the SQLite database's).</summary>
    public IEpisodePlayStore Episodes { get; }

    public ImportService Service { get; }

    public Task<ImportJob> ImportAsync(string path, string userId = "u1", IProgress<ImportProgress>? progress = null, string? fileName = null, CancellationToken? cancellationToken = null) =>
        Service.ImportAsync(path, fileName ?? Path.GetFileName(path), userId, progress, cancellationToken ?? TestContext.Current.CancellationToken);

    public Task<long> CountAsync(string userId = "u1") =>
        Plays.CountAsync(PlayScope.AllTime(userId), TestContext.Current.CancellationToken);

    public async Task<ImportJob> OnlyJobAsync(string userId = "u1") =>
        Assert.Single(await Database.ImportJobs.ListForUserAsync(userId, TestContext.Current.CancellationToken));

    /// <summary>Jobs compare as records except the skip dictionary, which compares by content.</summary>
    public static void AssertSameJob(ImportJob expected, ImportJob actual)
    {
        var none = new Dictionary<string, long>();
        Assert.Equal(expected with { SkippedByReason = none }, actual with { SkippedByReason = none });
        Assert.Equal(expected.SkippedByReason, actual.SkippedByReason);
    }

    public async ValueTask DisposeAsync()
    {
        Files.Dispose();
        await Database.DisposeAsync();
    }
}

/// <summary>Collects progress reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
public sealed class RecordingProgress(Action<ImportProgress>? onReport = null) : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}
