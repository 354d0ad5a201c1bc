using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Bot.Discord.Gateway;
using SpotifyLocal.Bot.Discord.Rest;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Discord;

/// <summary>The real Discord client (wired with AddDiscord) pointed at a <see cref="FakeDiscordServer"/>, on a fake clock.</summary>
public sealed class DiscordTestHost : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _gateway;

    private DiscordTestHost(FakeDiscordServer fake, ServiceProvider services, ObservedTimeProvider time)
    {
        Fake = fake;
        Services = services;
        Time = time;
    }

    public FakeDiscordServer Fake { get; }

    public ServiceProvider Services { get; }

    public ObservedTimeProvider Time { get; }

    public DiscordRestClient Rest => Services.GetRequiredService<DiscordRestClient>();

    public DiscordGatewayClient Gateway => Services.GetRequiredService<DiscordGatewayClient>();

    /// <summary>What the gateway handed to its handlers.</summary>
    public System.Threading.Channels.Channel<InteractionDto> Interactions { get; } =
        System.Threading.Channels.Channel.CreateUnbounded<InteractionDto>();

    public System.Threading.Channels.Channel<ReadyDto> Readies { get; } =
        System.Threading.Channels.Channel.CreateUnbounded<ReadyDto>();

    public static async Task<DiscordTestHost> StartAsync(
        IDictionary<string, string?>? settings = null, ILoggerProvider? logs = null)
    {
        var fake = await FakeDiscordServer.StartAsync();
        var values = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscordServer.BotToken,
            ["Discord:ApiBaseUrl"] = fake.ApiBaseUrl,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        // After the Discord epoch (2015), so the fake's interaction ids are snowflakes of real moments.
        var time = new ObservedTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        fake.Time = time.Unobserved;
        var services = new ServiceCollection()
            .AddLogging(b =>
            {
                if (logs is not null)
                {
                    b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
                }
            })
            .AddSingleton<TimeProvider>(time)
            .AddDiscord(configuration)
            .BuildServiceProvider(validateScopes: true);
        _ = services.GetRequiredService<IOptions<DiscordOptions>>().Value;
        return new DiscordTestHost(fake, services, time);
    }

    /// <summary>
    /// Creates an interaction in the fake now, as Discord does when a command is run, and returns its webhook as the
    /// adapter makes it on receipt.
    /// </summary>
    public InteractionWebhook NewInteraction(string token, bool acknowledged = false)
    {
        var id = Fake.RegisterInteraction(token, acknowledged);
        return InteractionWebhook.For(
            new InteractionDto(id, FakeDiscordServer.ApplicationId, InteractionType.ApplicationCommand, token), Time.GetUtcNow());
    }

    /// <summary>Starts the gateway session in the background; its task is returned to observe how it ends.</summary>
    public Task StartGateway()
    {
        var handlers = new DiscordGatewayHandlers(
            (interaction, _) => Interactions.Writer.WriteAsync(interaction).AsTask(),
            (ready, _) => Readies.Writer.WriteAsync(ready).AsTask());
        _gateway = Task.Run(() => Gateway.RunAsync(handlers, _stop.Token));
        return _gateway;
    }

    /// <summary>Connects, says Hello with a long interval, reads Identify, sends READY: the usual opening.</summary>
    public async Task<FakeDiscordGatewayConnection> StartReadySessionAsync(
        string sessionId, CancellationToken cancellationToken, int heartbeatIntervalMs = 41250)
    {
        _ = StartGateway();
        var connection = await Fake.NextConnectionAsync(cancellationToken);
        await connection.SendHelloAsync(heartbeatIntervalMs);
        await connection.ReceiveAsync(2, cancellationToken);
        await connection.SendReadyAsync(sessionId);
        await Readies.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        return connection;
    }

    /// <summary>Cancels the gateway as the host does on SIGTERM and waits for it to end.</summary>
    public async Task StopGatewayAsync()
    {
        await _stop.CancelAsync();
        await _gateway!.WaitAsync(TimeSpan.FromSeconds(15));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_gateway is not null)
        {
            try
            {
                await _gateway.WaitAsync(TimeSpan.FromSeconds(15));
            }
            catch (DiscordGatewayFatalException)
            {
                // Asserted by the test that caused it.
            }
        }

        await Services.DisposeAsync();
        await Fake.DisposeAsync();
        _stop.Dispose();
    }
}
