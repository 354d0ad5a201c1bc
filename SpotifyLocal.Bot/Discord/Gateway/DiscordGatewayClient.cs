using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Bot.Discord.Rest;

namespace SpotifyLocal.Bot.Discord.Gateway;

/// <summary>
/// One gateway session over ClientWebSocket: Hello → heartbeats (first one jittered; a beat without an ACK for the
/// previous one marks the connection a zombie and drops it) → Identify with intents 0 (interactions arrive regardless)
/// → READY. After any drop it resumes on <c>resume_gateway_url</c> with the last sequence number; it identifies anew
/// only when Discord says the session is gone (op 9 with d=false, 4007, 4009) or resuming failed
/// <see cref="MaxResumeAttempts"/> times in a row, because identifies are capped (session_start_limit, at most
/// <c>max_concurrency</c> per 5 s). A connection that sends no Hello within <see cref="HelloTimeout"/>, or no
/// READY/RESUMED within <see cref="ReadyTimeout"/>, is dropped. Reconnects back off; a payload it cannot read is
/// skipped, an unexpected failure costs only the connection; close codes that cannot succeed on retry end
/// <see cref="RunAsync"/> with a <see cref="DiscordGatewayFatalException"/>. On shutdown it closes with 1000 (the
/// session ends and the bot shows offline at once) before letting the socket go.
/// </summary>
public sealed class DiscordGatewayClient(
    IOptions<DiscordOptions> options,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<DiscordGatewayClient> logger)
{
    /// <summary>Slash commands only: INTERACTION_CREATE is sent whatever the intents.</summary>
    public const int Intents = 0;

    /// <summary>Resume attempts in a row that may fail before the client gives the session up and identifies anew.</summary>
    public const int MaxResumeAttempts = 3;

    /// <summary>How long a new connection may take to say Hello.</summary>
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(20);

    /// <summary>How long Discord may take to answer Identify with READY (or Resume with RESUMED).</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Identify may be sent <c>max_concurrency</c> times per this window (developers/events/gateway.mdx, "Session Start Limit Object").</summary>
    public static readonly TimeSpan IdentifyWindow = TimeSpan.FromSeconds(5);

    // A non-1000/1001 close keeps the session resumable.
    private const WebSocketCloseStatus ReconnectCloseStatus = (WebSocketCloseStatus)4000;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(2);
    private static readonly DiscordJsonContext Json = DiscordJsonContext.Default;
    private static readonly JsonElement NullElement = JsonDocument.Parse("null").RootElement.Clone();

    /// <summary>
    /// Connects and keeps the session alive until <paramref name="cancellationToken"/> is cancelled (returns normally) or
    /// Discord closes with a code that must not be retried (throws <see cref="DiscordGatewayFatalException"/>).
    /// </summary>
    public async Task RunAsync(DiscordGatewayHandlers handlers, CancellationToken cancellationToken)
    {
        var token = options.Value.BotToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new InvalidOperationException("Discord:BotToken is not set; the Discord gateway cannot connect.");
        }

        var session = new Session(token, handlers);
        try
        {
            Uri? gatewayUrl = null;
            var failures = 0;
            while (true)
            {
                var resume = session.CanResume;
                if (!resume)
                {
                    var gateway = await TryResolveGatewayAsync(cancellationToken);
                    gatewayUrl = gateway?.Url ?? gatewayUrl;
                    if (gateway?.Limit is { Remaining: <= 0 } spent)
                    {
                        // Identifying past the daily limit ends every session and resets the token (gateway.mdx, "Identifying").
                        var reset = TimeSpan.FromMilliseconds(Math.Max(spent.ResetAfterMs, 1000));
                        logger.LogWarning(
                            "Discord allows no more gateway session starts today; waiting {Delay} before identifying", reset);
                        await Task.Delay(reset, time, cancellationToken);
                        continue;
                    }

                    session.MaxConcurrency = Math.Max(1, gateway?.Limit?.MaxConcurrency ?? session.MaxConcurrency);
                }

                var url = resume ? session.ResumeUrl : gatewayUrl;
                Outcome outcome;
                try
                {
                    outcome = url is null
                        ? new Outcome(OutcomeKind.Reconnect, Established: false)
                        : await RunConnectionAsync(session, url, resume, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // A bug or a payload nobody foresaw must not end the gateway for good: drop this connection, back off, go on.
                    logger.LogError(ex, "The Discord gateway connection failed unexpectedly; reconnecting");
                    outcome = new Outcome(OutcomeKind.Reconnect, Established: false);
                }

                failures = outcome.Established ? 0 : failures + 1;
                if (resume)
                {
                    session.ResumeFailures = outcome.Established ? 0 : session.ResumeFailures + 1;
                }

                TimeSpan delay;
                switch (outcome.Kind)
                {
                    case OutcomeKind.Fatal:
                        var hint = GatewayCloseCodes.FatalHint(outcome.CloseCode)!;
                        logger.LogCritical(
                            "Discord gateway closed with {CloseCode}: {Hint}. The Discord adapter stops and will not reconnect.",
                            outcome.CloseCode, hint);
                        throw new DiscordGatewayFatalException(outcome.CloseCode, hint);
                    case OutcomeKind.NewSession:
                        session.Forget();
                        // Discord asks for a random 1–5 s wait before identifying again.
                        delay = TimeSpan.FromMilliseconds(1000 + Random.Shared.Next(4000)) + Backoff(failures);
                        break;
                    default:
                        delay = Backoff(failures);
                        break;
                }

                if (session.CanResume && session.ResumeFailures >= MaxResumeAttempts)
                {
                    logger.LogWarning(
                        "Resuming the Discord gateway session failed {Attempts} times in a row; starting a new session",
                        session.ResumeFailures);
                    session.Forget();
                }

                if (!session.CanResume && session.LastIdentifyAt is { } last)
                {
                    // At most max_concurrency identifies per 5 s; one shard, so one per 5 s / max_concurrency.
                    var allowedAt = last + (IdentifyWindow / session.MaxConcurrency);
                    var untilAllowed = allowedAt - time.GetUtcNow();
                    delay = untilAllowed > delay ? untilAllowed : delay;
                }

                if (delay > TimeSpan.Zero)
                {
                    logger.LogInformation("Reconnecting to the Discord gateway in {Delay}", delay);
                    await Task.Delay(delay, time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await session.WhenHandlersDoneAsync();
        }
    }

    // failures = connections in a row that ended before READY/RESUMED; the first retry after a healthy session is immediate.
    private static TimeSpan Backoff(int failures)
    {
        if (failures == 0)
        {
            return TimeSpan.Zero;
        }

        var seconds = Math.Min(MaxBackoff.TotalSeconds, Math.Pow(2, failures - 1));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    // Asked inside the reconnect loop before every Identify, so a bot that starts while Discord or the network is down
    // still connects later, and the session start limit is always the current one.
    private async Task<(Uri Url, SessionStartLimitDto? Limit)?> TryResolveGatewayAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await ResolveGatewayAsync(cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.Status == HttpStatusCode.Unauthorized)
        {
            var hint = GatewayCloseCodes.FatalHint(GatewayCloseCodes.AuthenticationFailed)!;
            logger.LogCritical("Discord refused GET /gateway/bot: {Hint}. The Discord adapter stops and will not reconnect.", hint);
            throw new DiscordGatewayFatalException(GatewayCloseCodes.AuthenticationFailed, hint);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is DiscordApiException or HttpRequestException or OperationCanceledException or JsonException)
        {
            logger.LogWarning(ex, "Could not ask Discord where its gateway is; trying again");
            return null;
        }
    }

    private async Task<(Uri Url, SessionStartLimitDto? Limit)> ResolveGatewayAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.GatewayUrlOverride))
        {
            return (new Uri(options.Value.GatewayUrlOverride), null);
        }

        await using var scope = scopes.CreateAsyncScope();
        var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        var gateway = await rest.GetGatewayBotAsync(cancellationToken);
        if (gateway.SessionStartLimit is { } limit)
        {
            logger.LogInformation(
                "Discord gateway at {Url}; {Remaining} of {Total} session starts left today",
                gateway.Url, limit.Remaining, limit.Total);
        }

        return (new Uri(gateway.Url), gateway.SessionStartLimit);
    }

    private static Uri WithVersion(Uri url)
    {
        var builder = new UriBuilder(url) { Query = "v=10&encoding=json" };
        if (builder.Path is "" or "/")
        {
            builder.Path = "/";
        }

        return builder.Uri;
    }

    private async Task<Outcome> RunConnectionAsync(
        Session session, Uri url, bool resume, CancellationToken cancellationToken)
    {
        // Not linked to the stopping token: cancelling a receive aborts a ClientWebSocket, and on shutdown the close
        // frame has to go out first (see CloseOnShutdownAsync).
        using var connectionCts = new CancellationTokenSource();
        using var socket = new ClientWebSocket();
        using var connection = new Connection(socket, connectionCts, time);
        await using var onShutdown = cancellationToken.Register(() => _ = CloseOnShutdownAsync(connection));
        Task? heartbeat = null;
        try
        {
            connection.Expect("Hello", HelloTimeout);
            await socket.ConnectAsync(WithVersion(url), connectionCts.Token);
            logger.LogDebug("Connected to the Discord gateway ({Mode})", resume ? "resume" : "identify");
            while (true)
            {
                var payload = await ReceiveAsync(socket, connectionCts.Token);
                if (payload is null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Closed(connection, socket.CloseStatus, session);
                }

                switch ((GatewayOpCode)payload.Op)
                {
                    case GatewayOpCode.Hello:
                        var hello = payload.D!.Value.Deserialize(Json.HelloDto)!;
                        connection.Expect(resume ? "RESUMED" : "READY", ReadyTimeout);
                        // Started before Identify/Resume so its first timer exists once the server sees us identify.
                        heartbeat = HeartbeatLoopAsync(
                            connection, session, TimeSpan.FromMilliseconds(hello.HeartbeatIntervalMs));
                        if (resume)
                        {
                            await SendAsync(connection, GatewayOpCode.Resume, JsonSerializer.SerializeToElement(
                                new ResumeDto(session.Token, session.SessionId!, session.Sequence!.Value), Json.ResumeDto));
                        }
                        else
                        {
                            session.LastIdentifyAt = time.GetUtcNow();
                            await SendAsync(connection, GatewayOpCode.Identify, JsonSerializer.SerializeToElement(
                                new IdentifyDto(session.Token, Intents, new IdentifyPropertiesDto(
                                    Environment.OSVersion.Platform.ToString().ToLowerInvariant(), "spotifylocal", "spotifylocal")),
                                Json.IdentifyDto));
                        }

                        break;
                    case GatewayOpCode.HeartbeatAck:
                        connection.Acknowledged = true;
                        break;
                    case GatewayOpCode.Heartbeat:
                        await SendHeartbeatAsync(connection, session);
                        break;
                    case GatewayOpCode.Dispatch:
                        session.Sequence = payload.S ?? session.Sequence;
                        Dispatch(session, connection, payload, cancellationToken);
                        break;
                    case GatewayOpCode.Reconnect:
                        logger.LogInformation("Discord asked the gateway to reconnect; resuming");
                        await CloseAsync(connection, ReconnectCloseStatus, "reconnect");
                        return new Outcome(OutcomeKind.Reconnect, connection.Established);
                    case GatewayOpCode.InvalidSession:
                        var resumable = payload.D is { ValueKind: JsonValueKind.True };
                        logger.LogInformation(
                            "Discord invalidated the gateway session (resumable: {Resumable})", resumable);
                        await CloseAsync(connection, ReconnectCloseStatus, "reconnect");
                        return new Outcome(resumable ? OutcomeKind.Reconnect : OutcomeKind.NewSession, connection.Established);
                }
            }
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or HttpRequestException)
        {
            if (connection.Zombie)
            {
                logger.LogWarning("Discord gateway sent no heartbeat ACK; dropped the connection to resume");
            }
            else if (connection.TimedOutWaitingFor is { } awaited)
            {
                logger.LogWarning("Discord gateway sent no {Awaited} in time; reconnecting", awaited);
            }
            else
            {
                logger.LogWarning(ex, "Discord gateway connection lost; reconnecting");
            }

            return new Outcome(OutcomeKind.Reconnect, connection.Established);
        }
        finally
        {
            await connectionCts.CancelAsync();
            if (heartbeat is not null)
            {
                await heartbeat;
            }
        }
    }

    private Outcome Closed(Connection connection, WebSocketCloseStatus? status, Session session)
    {
        var code = (int)(status ?? WebSocketCloseStatus.Empty);
        if (GatewayCloseCodes.FatalHint(code) is not null)
        {
            return new Outcome(OutcomeKind.Fatal, connection.Established, code);
        }

        logger.LogInformation("Discord gateway closed the connection with {CloseCode}", code);
        if (GatewayCloseCodes.RequiresNewSession(code))
        {
            session.Forget();
            return new Outcome(OutcomeKind.NewSession, connection.Established, code);
        }

        return new Outcome(OutcomeKind.Reconnect, connection.Established, code);
    }

    private void Dispatch(Session session, Connection connection, GatewayPayloadDto payload, CancellationToken cancellationToken)
    {
        switch (payload.T)
        {
            case "READY":
                var ready = payload.D!.Value.Deserialize(Json.ReadyDto)!;
                var resumeUrl = new Uri(ready.ResumeGatewayUrl);
                session.SessionId = ready.SessionId;
                session.ResumeUrl = resumeUrl;
                session.ResumeFailures = 0;
                connection.Established = true;
                connection.Expect(null, Timeout.InfiniteTimeSpan);
                logger.LogInformation("Discord gateway ready as {BotUser}", ready.User.Username);
                if (session.Handlers.OnReady is { } onReady)
                {
                    session.Track(() => onReady(ready, cancellationToken), logger);
                }

                break;
            case "RESUMED":
                connection.Established = true;
                connection.Expect(null, Timeout.InfiniteTimeSpan);
                logger.LogInformation("Discord gateway session resumed");
                break;
            case "INTERACTION_CREATE":
                InteractionDto? interaction;
                try
                {
                    interaction = payload.D?.Deserialize(Json.InteractionDto);
                }
                catch (JsonException ex)
                {
                    // One payload we cannot read must never cost the session (the path says which field; no token in it).
                    logger.LogWarning("Skipped an INTERACTION_CREATE that could not be read: {Problem}", ex.Path ?? ex.Message);
                    break;
                }

                if (interaction is not null)
                {
                    session.Track(() => session.Handlers.OnInteraction(interaction, cancellationToken), logger);
                }

                break;
        }
    }

    private async Task HeartbeatLoopAsync(Connection connection, Session session, TimeSpan interval)
    {
        var token = connection.Cancellation.Token;
        try
        {
            await Task.Delay(interval * Random.Shared.NextDouble(), time, token);
            while (true)
            {
                if (!connection.Acknowledged)
                {
                    connection.Zombie = true;
                    await connection.Cancellation.CancelAsync();
                    return;
                }

                connection.Acknowledged = false;
                // Arm the next beat before sending, so tests on a fake clock can advance as soon as they see this one.
                var next = Task.Delay(interval, time, token);
                await SendHeartbeatAsync(connection, session);
                await next;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or IOException or ObjectDisposedException)
        {
            // The connection ended; the receive loop decides what happens next.
        }
    }

    private Task SendHeartbeatAsync(Connection connection, Session session) =>
        SendAsync(connection, GatewayOpCode.Heartbeat,
            session.Sequence is { } seq ? JsonSerializer.SerializeToElement(seq, Json.Int32) : NullElement);

    private static async Task SendAsync(Connection connection, GatewayOpCode op, JsonElement data)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new GatewayPayloadDto((int)op, data), Json.GatewayPayloadDto);
        await connection.SendLock.WaitAsync(connection.Cancellation.Token);
        try
        {
            if (connection.Closing)
            {
                return;
            }

            await connection.Socket.SendAsync(bytes, WebSocketMessageType.Text, true, connection.Cancellation.Token);
        }
        finally
        {
            connection.SendLock.Release();
        }
    }

    // Reads one whole message, however many frames it came in (Discord splits large dispatches); a message that is
    // not a gateway payload is logged and skipped.
    private async Task<GatewayPayloadDto?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }

                try
                {
                    if (JsonSerializer.Deserialize(message.GetBuffer().AsSpan(0, (int)message.Length), Json.GatewayPayloadDto) is { } payload)
                    {
                        return payload;
                    }
                }
                catch (JsonException ex)
                {
                    logger.LogWarning("Skipped a Discord gateway message that is not a gateway payload: {Problem}", ex.Message);
                }

                message.SetLength(0);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Close frames go through the send lock like every other send (one outstanding send per ClientWebSocket).
    private static async Task CloseAsync(Connection connection, WebSocketCloseStatus status, string reason)
    {
        using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
        try
        {
            await connection.SendLock.WaitAsync(timeout.Token);
            try
            {
                if (!connection.Closing && connection.Socket.State == WebSocketState.Open)
                {
                    connection.Closing = true;
                    await connection.Socket.CloseOutputAsync(status, reason, timeout.Token);
                }
            }
            finally
            {
                connection.SendLock.Release();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Going away anyway.
        }
    }

    // 1000 ends the session, so Discord shows the bot offline at once instead of after the session times out. The
    // receive loop ends when Discord's close frame comes back; if it does not, the connection is cut shortly after.
    private static async Task CloseOnShutdownAsync(Connection connection)
    {
        await CloseAsync(connection, WebSocketCloseStatus.NormalClosure, "shutdown");
        try
        {
            if (connection.Closing)
            {
                connection.Cancellation.CancelAfter(CloseHandshakeTimeout);
            }
            else
            {
                await connection.Cancellation.CancelAsync();
            }
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    private enum OutcomeKind
    {
        Reconnect,
        NewSession,
        Fatal,
    }

    private sealed record Outcome(OutcomeKind Kind, bool Established, int CloseCode = 0);

    private sealed class Connection(ClientWebSocket socket, CancellationTokenSource cancellation, TimeProvider time) : IDisposable
    {
        private readonly Lock _lock = new();
        private volatile bool _acknowledged = true;
        private volatile bool _zombie;
        private volatile bool _established;
        private volatile bool _closing;
        private volatile string? _timedOutWaitingFor;
        private ITimer? _deadline;

        public ClientWebSocket Socket { get; } = socket;
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public SemaphoreSlim SendLock { get; } = new(1, 1);
        public bool Acknowledged { get => _acknowledged; set => _acknowledged = value; }
        public bool Zombie { get => _zombie; set => _zombie = value; }
        public bool Established { get => _established; set => _established = value; }

        /// <summary>A close frame was sent: nothing else may be.</summary>
        public bool Closing { get => _closing; set => _closing = value; }

        /// <summary>What the connection was dropped for not receiving in time (Hello, READY, RESUMED), if it was.</summary>
        public string? TimedOutWaitingFor => _timedOutWaitingFor;

        /// <summary>Drops the connection unless <paramref name="what"/> arrives within <paramref name="timeout"/> (null: expect nothing).</summary>
        public void Expect(string? what, TimeSpan timeout)
        {
            lock (_lock)
            {
                _deadline?.Dispose();
                _deadline = what is null ? null : time.CreateTimer(_ =>
                {
                    _timedOutWaitingFor = what;
                    try
                    {
                        Cancellation.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // The connection already ended.
                    }
                }, null, timeout, Timeout.InfiniteTimeSpan);
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _deadline?.Dispose();
                _deadline = null;
            }
        }
    }

    // What survives reconnects: the session to resume and the handler tasks in flight.
    private sealed class Session(string token, DiscordGatewayHandlers handlers)
    {
        private readonly ConcurrentDictionary<Task, byte> _running = new();

        public string Token { get; } = token;
        public DiscordGatewayHandlers Handlers { get; } = handlers;
        public string? SessionId { get; set; }
        public Uri? ResumeUrl { get; set; }
        public int? Sequence { get; set; }
        public int ResumeFailures { get; set; }
        public DateTimeOffset? LastIdentifyAt { get; set; }
        public int MaxConcurrency { get; set; } = 1;
        public bool CanResume => SessionId is not null && ResumeUrl is not null && Sequence is not null;

        public void Forget()
        {
            SessionId = null;
            ResumeUrl = null;
            Sequence = null;
            ResumeFailures = 0;
        }

        public void Track(Func<Task> handler, ILogger logger)
        {
            var task = Task.Run(async () =>
            {
                try
                {
                    await handler();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "A Discord gateway handler failed");
                }
                catch (OperationCanceledException)
                {
                    // Shutting down.
                }
            });
            _running.TryAdd(task, 0);
            _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
        }

        public Task WhenHandlersDoneAsync() => Task.WhenAll(_running.Keys);
    }
}
