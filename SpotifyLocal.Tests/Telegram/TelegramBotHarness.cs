using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Bot;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>
/// The bot as the host wires it (AddSpotifyLocal, with Telegram enabled) on a temp SQLite file,
/// polling the loopback fake Bot API through the real Telegram.Bot client. The fake's flood limits are off unless a test
/// asks for them: most tests send several messages to one chat while the fake clock stands still, and a bot sitting out a
/// flood wait on that clock would never finish.
/// </summary>
public sealed class TelegramBotHarness : IAsyncDisposable
{
    private readonly string _directory;
    private readonly IDictionary<string, string?>? _settings;
    private IHost _host;

    private TelegramBotHarness(FakeTelegramBotApi api, IHost host, string directory, TimerWatchingTimeProvider time, IDictionary<string, string?>? settings)
    {
        Api = api;
        _host = host;
        _directory = directory;
        Time = time;
        _settings = settings;
    }

    public FakeTelegramBotApi Api { get; }

    public CollectingLoggerProvider Logs { get; private init; } = new();

    public TimerWatchingTimeProvider Time { get; }

    public IServiceProvider Services => _host.Services;

    public IPlayStore Plays => Services.GetRequiredService<IPlayStore>();

    public static async Task<TelegramBotHarness> StartAsync(
        CancellationToken cancellationToken,
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        Action<FakeTelegramBotApi>? beforePolling = null,
        FakeTelegramFloodLimits? floodLimits = null)
    {
        var time = new TimerWatchingTimeProvider(new DateTimeOffset(2026, 3, 15, 12, 0, 0, TimeSpan.Zero));
        var api = await FakeTelegramBotApi.StartAsync(cancellationToken);
        api.Clock = time;
        api.FloodLimits = floodLimits;
        beforePolling?.Invoke(api);
        var directory = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var logs = new CollectingLoggerProvider();
        var host = await StartHostAsync(api, directory, time, logs, settings, configure, cancellationToken);
        return new TelegramBotHarness(api, host, directory, time, settings) { Logs = logs };
    }

    /// <summary>Stops the bot (as the host does at shutdown) and starts it again on the same database and Telegram.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken, Action<IServiceCollection>? configure = null)
    {
        await StopAsync();
        _host = await StartHostAsync(Api, _directory, Time, Logs, _settings, configure, cancellationToken);
    }

    /// <summary>Stops the bot's host without disposing the harness.</summary>
    public async Task StopAsync()
    {
        await _host.StopAsync();
        _host.Services.GetService<SpotifyLocal.Core.Storage.Sqlite.SqliteDatabase>()?.ReleasePooledConnections();
        _host.Dispose();
    }

    private static async Task<IHost> StartHostAsync(
        FakeTelegramBotApi api,
        string directory,
        TimerWatchingTimeProvider time,
        CollectingLoggerProvider logs,
        IDictionary<string, string?>? settings,
        Action<IServiceCollection>? configure,
        CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(directory, "bot.db"),
            ["Telegram:BotToken"] = FakeTelegramBotApi.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl,
            ["Telegram:PollTimeout"] = "00:00:10",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        // The host's own service graph (storage, stats, charts, import, commands, Telegram), on the fake clock.
        builder.Services.AddSpotifyLocal(builder.Configuration);
        builder.Services.AddSingleton<FakeTimeProvider>(time);
        builder.Services.AddSingleton<TimeProvider>(time);
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Api.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans its temp folder.
        }
    }
}
