using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Bot;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Builders;

/// <summary>
/// The bot's real service graph (same AddXxx extensions as the host) on a fresh SQLite file, with a
/// FakeTimeProvider and optional extra configuration. Adapters under test are started by the test.
/// </summary>
public sealed class TestBot : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));

    /// <param name="time">A clock of the test's own (one that reports its timers, say); <paramref name="now"/> is then unused.</param>
    public TestBot(
        IDictionary<string, string?>? settings = null, DateTimeOffset? now = null, Action<IServiceCollection>? configure = null,
        FakeTimeProvider? time = null)
    {
        Directory.CreateDirectory(_directory);
        Time = time ?? new FakeTimeProvider(now ?? DefaultNow);
        var values = new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(_directory, "bot.db"),
            ["Console:Enabled"] = "false",
            ["Console:OutputDirectory"] = Path.Combine(_directory, "out"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(Configuration);
        services.AddSpotifyLocal(Configuration);
        services.AddSingleton<TimeProvider>(Time);
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    /// <summary>Where <see cref="Time"/> starts unless the test says otherwise.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Time { get; }

    public IConfiguration Configuration { get; }

    public ServiceProvider Services { get; }

    public string WorkDirectory => _directory;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        Services.GetService<SpotifyLocal.Core.Storage.Sqlite.SqliteDatabase>()?.ReleasePooledConnections();
        await Services.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }
}
