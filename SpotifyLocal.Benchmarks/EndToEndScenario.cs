using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Bot;
using SpotifyLocal.Bot.Console;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// <c>/top month artists</c> through the bot as the host wires it (<see cref="SpotifyLocalServiceCollectionExtensions.AddSpotifyLocal"/>,
/// SQLite), warm: once through the console adapter (a line read from its stdin → the reply printed and its chart written to a
/// temp folder) and once through the Telegram adapter polling a loopback Bot API with the real Telegram.Bot client (the
/// update handed over by getUpdates → the sendPhoto with the PNG received). The store is the stats scenario's: 1,000,000
/// plays of 20 users with 50,000 each; the console user and the Telegram user have user07's history.
/// </summary>
public sealed class EndToEndScenario : IBenchmarkScenario
{
    private const string Command = "/top month artists";
    private const long TelegramUserId = 4242;
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan ReplyGuard = TimeSpan.FromSeconds(60);

    public string Name => "e2e";

    public async Task<IReadOnlyList<BenchmarkRow>> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var playsPerUser = settings.Quick ? 500 : 50_000;
        var warmUp = settings.Quick ? 2 : 5;
        var rounds = settings.Quick ? 5 : 50;
        var directory = Path.Combine(settings.WorkDirectory, "e2e");
        Directory.CreateDirectory(directory);
        var input = new ScriptedConsoleInput();
        var output = new ConsoleReplyWriter();
        await using var telegram = await LoopbackTelegramBotApi.StartAsync(cancellationToken);
        using var host = BuildHost(directory, telegram.BaseUrl, input, output);

        var consoleUser = new ChatIdentity(ChatIdentity.Console, "local").LocalUserId;
        var telegramUser = new ChatIdentity(ChatIdentity.Telegram, TelegramUserId.ToString(CultureInfo.InvariantCulture)).LocalUserId;
        await host.Services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken);
        var plays = host.Services.GetRequiredService<IPlayStore>();
        var catalogue = StatsScenario.Catalogue.Create(seed: 7);
        var loadTime = Stopwatch.StartNew();
        for (var user = 0; user < 20; user++)
        {
            // Seed 7 is the stats scenario's user07, whose month those rows measure.
            var (userId, seed) = user switch { 0 => (consoleUser, 7), 1 => (telegramUser, 7), _ => ($"user{user:00}", user) };
            await StatsScenario.InsertAsync(plays, catalogue, userId, playsPerUser, seed, cancellationToken);
        }

        var rows = new List<BenchmarkRow>
        {
            new("e2e", $"load {20 * playsPerUser:N0} plays (20 users of {playsPerUser:N0})", string.Create(CultureInfo.InvariantCulture, $"{loadTime.Elapsed.TotalSeconds:F1} s"), "–", null),
        };

        await host.StartAsync(cancellationToken);
        try
        {
            var consoleSamples = await MeasureAsync(warmUp, rounds, async () =>
            {
                await input.Reading.WaitAsync(ReplyGuard, cancellationToken);
                var chart = output.NextChart();
                var started = Stopwatch.GetTimestamp();
                input.Type(Command);
                var arrived = await chart.WaitAsync(ReplyGuard, cancellationToken);
                return Stopwatch.GetElapsedTime(started, arrived);
            });
            // The reply must be the ranked list, not an error that happened to come with a chart.
            await input.Reading.WaitAsync(ReplyGuard, cancellationToken);
            if (!output.Lines.Any(l => l.StartsWith("1. ", StringComparison.Ordinal)))
            {
                throw new InvalidOperationException("The console reply has no ranking: " + string.Join(" | ", output.Lines));
            }

            rows.Add(Row($"{Command} via the console adapter: line read → reply printed and chart PNG written to disk, {playsPerUser:N0}-play user, warm", consoleSamples, rounds));

            var telegramSamples = await MeasureAsync(warmUp, rounds, async () =>
            {
                await telegram.WaitUntilPollingAsync(cancellationToken).WaitAsync(ReplyGuard, cancellationToken);
                var started = Stopwatch.GetTimestamp();
                var arrived = await telegram.SendTextAsync(TelegramUserId, Command).WaitAsync(ReplyGuard, cancellationToken);
                return Stopwatch.GetElapsedTime(started, arrived);
            });
            rows.Add(Row($"{Command} via the Telegram adapter over loopback: update handed to the bot's getUpdates → sendPhoto with the PNG received, {playsPerUser:N0}-play user, warm", telegramSamples, rounds));
        }
        finally
        {
            input.End();
            await host.StopAsync(CancellationToken.None);
            host.Services.GetService<SqliteDatabase>()?.ReleasePooledConnections();
        }

        return rows;
    }

    private static BenchmarkRow Row(string measure, double[] sorted, int rounds)
    {
        var p50 = StatsScenario.Percentile(sorted, 0.50);
        var p95 = StatsScenario.Percentile(sorted, 0.95);
        return new BenchmarkRow("e2e", $"{measure} ({rounds} rounds, p50 / p95)", string.Create(CultureInfo.InvariantCulture, $"{p50:F1} / {p95:F1} ms"), "p95 ≤ 30 ms", p95 <= 30);
    }

    /// <summary>Runs <paramref name="round"/> <paramref name="warmUp"/> times unmeasured, then returns the sorted times (ms) of <paramref name="rounds"/> more.</summary>
    private static async Task<double[]> MeasureAsync(int warmUp, int rounds, Func<Task<TimeSpan>> round)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await round();
        }

        var samples = new double[rounds];
        for (var i = 0; i < rounds; i++)
        {
            samples[i] = (await round()).TotalMilliseconds;
        }

        Array.Sort(samples);
        return samples;
    }

    private static IHost BuildHost(string directory, string telegramBaseUrl, ScriptedConsoleInput input, ConsoleReplyWriter output)
    {
        // No defaults: nothing from the developer's user secrets or environment (a real bot token) reaches this host.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Sqlite:Path"] = Path.Combine(directory, "bot.db"),
            ["Telegram:BotToken"] = LoopbackTelegramBotApi.Token,
            ["Telegram:ApiBaseUrl"] = telegramBaseUrl,
            ["Console:Enabled"] = "true",
            ["Console:OutputDirectory"] = Path.Combine(directory, "out"),
            // The rate limit (10 charts a minute per user) would refuse the rounds; it is not what is measured.
            ["Commands:ExpensiveCommandsPerWindow"] = "1000",
        });
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSpotifyLocal(builder.Configuration);
        builder.Services.AddSingleton(new ConsoleStreams(input, output, IsInteractive: false));
        // The stats scenario's clock (its history ends at Now), running on from there so chart file names and rate windows move.
        builder.Services.AddSingleton<TimeProvider>(new RunningFromTimeProvider(Now));
        return builder.Build();
    }

    private sealed class RunningFromTimeProvider(DateTimeOffset start) : TimeProvider
    {
        private readonly long _started = Stopwatch.GetTimestamp();

        public override DateTimeOffset GetUtcNow() => start + Stopwatch.GetElapsedTime(_started);
    }
}
