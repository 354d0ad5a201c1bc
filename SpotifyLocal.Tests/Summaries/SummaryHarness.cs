using SpotifyLocal.Core.Accounts;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Telegram;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
using SpotifyLocal.Tests.Fakes;
using SpotifyLocal.Tests.Telegram;

namespace SpotifyLocal.Tests.Summaries;

/// <summary>
/// Weekly summaries as the host wires them (storage on a temp SQLite file, stats, charts, summaries, commands, the
/// Discord and Telegram publishers) against the loopback fake Discord and Bot API, on a fake clock. <see cref="RestartAsync"/>
/// builds a new "process" on the same database file, as after a crash.
/// </summary>
public sealed class SummaryHarness : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Dictionary<string, string?> _settings;
    private ServiceProvider _services;

    private SummaryHarness(FakeDiscordServer discord, FakeTelegramBotApi telegram, TimerWatchingTimeProvider time, string directory, Dictionary<string, string?> settings)
    {
        Discord = discord;
        Telegram = telegram;
        Time = time;
        _directory = directory;
        _settings = settings;
        _services = Build();
    }

    public FakeDiscordServer Discord { get; }

    public FakeTelegramBotApi Telegram { get; }

    public TimerWatchingTimeProvider Time { get; }

    public CollectingLoggerProvider Logs { get; } = new();

    public IServiceProvider Services => _services;

    public WeeklySummaryService Summaries => _services.GetRequiredService<WeeklySummaryService>();

    public IPlayStore Plays => _services.GetRequiredService<IPlayStore>();

    public IServerSettingsStore Servers => _services.GetRequiredService<IServerSettingsStore>();

    public ISummaryLedgerStore Ledger => _services.GetRequiredService<ISummaryLedgerStore>();

    public SummarySettingsService Settings => _services.GetRequiredService<SummarySettingsService>();

    public CommandDispatcher Dispatcher => _services.GetRequiredService<CommandDispatcher>();

    public static async Task<SummaryHarness> StartAsync(DateTimeOffset now, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        var discord = await FakeDiscordServer.StartAsync();
        var telegram = await FakeTelegramBotApi.StartAsync(cancellationToken);
        var directory = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var values = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscordServer.BotToken,
            ["Discord:ApiBaseUrl"] = discord.ApiBaseUrl,
            ["Telegram:BotToken"] = FakeTelegramBotApi.Token,
            ["Telegram:ApiBaseUrl"] = telegram.BaseUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return new SummaryHarness(discord, telegram, new TimerWatchingTimeProvider(now), directory, values);
    }

    /// <summary>Drops every service (as a crash would) and builds them anew on the same database.</summary>
    public async Task RestartAsync()
    {
        await _services.DisposeAsync();
        _services = Build();
    }

    public Task SeedAsync(IEnumerable<Play> plays) => Plays.InsertAsync([.. plays], CancellationToken.None);

    /// <summary>A Discord server with weekly posts in <paramref name="channelId"/> and the given visible members.</summary>
    public async Task AddServerAsync(string serverId, string channelId, string timeZone, params (string ChatUserId, string Name)[] visible)
    {
        await Servers.UpsertAsync(new ServerSettings { ServerId = serverId, WeeklyChannelId = channelId, WeeklyEnabled = true, TimeZone = timeZone }, CancellationToken.None);
        foreach (var (member, name) in visible)
        {
            await Servers.SetVisibleAsync(new VisibleMember(serverId, member, name, Time.GetUtcNow()), CancellationToken.None);
        }
    }

    /// <summary>A Telegram user (plays under the local id <c>telegram:{id}</c>) who ran /weekly on.</summary>
    public async Task AddTelegramSubscriberAsync(string telegramUserId, string timeZone)
    {
        var identity = new ChatIdentity(ChatIdentity.Telegram, telegramUserId);
        await _services.GetRequiredService<IUserStore>().CreateAsync(
            new User { SpotifyId = identity.LocalUserId, JoinedAt = Time.GetUtcNow(), TimeZone = timeZone }, CancellationToken.None);
        await Settings.SetWeeklyAsync(identity, true, CancellationToken.None);
    }

    public IReadOnlyList<FakeDiscordRequest> ChannelPosts(string channelId) =>
        [.. Discord.Requests.Where(r => r.Method == "POST" && r.Path == $"/api/v10/channels/{channelId}/messages")];

    public IReadOnlyList<TelegramApiCall> TelegramPhotos() => [.. Telegram.Calls.Where(c => c.Method == "sendPhoto")];

    public async ValueTask DisposeAsync()
    {
        _services.GetService<SpotifyLocal.Core.Storage.Sqlite.SqliteDatabase>()?.ReleasePooledConnections();
        await _services.DisposeAsync();
        await Discord.DisposeAsync();
        await Telegram.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans the temp folder.
        }
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Spotify:TokenKeyDirectory"] = Path.Combine(_directory, "keys") })
            .AddInMemoryCollection(_settings)
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Information));
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton(configuration);
        services.AddSqliteStorage(Path.Combine(_directory, "bot.db"));
        services.AddStats(configuration);
        services.AddCharts(configuration);
        services.AddSummaries(configuration);
        services.AddAccounts(configuration);
        services.AddCommands(configuration);
        services.AddSummaryCommands(configuration);
        services.AddDiscord(configuration);
        services.AddTelegram(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
