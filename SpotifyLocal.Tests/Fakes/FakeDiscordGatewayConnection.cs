using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// One client connection to the fake gateway. The test drives it: send Hello / dispatches / ops, read what the client
/// sent, drop the socket or close it with a code. Heartbeats are ACKed automatically unless
/// <see cref="AckHeartbeats"/> is turned off (zombie tests).
/// </summary>
public sealed class FakeDiscordGatewayConnection
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly FakeDiscordServer _server;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Channel<JsonElement> _received = Channel.CreateUnbounded<JsonElement>();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<DateTimeOffset> _sends = new();
    private readonly Lock _deadlineLock = new();
    private bool _authenticated;
    private TimeSpan? _heartbeatInterval;
    private ITimer? _heartbeatDeadline;
    private int? _serverCloseCode;

    internal FakeDiscordGatewayConnection(WebSocket socket, HttpContext context, FakeDiscordServer server)
    {
        _socket = socket;
        _context = context;
        _server = server;
        Path = context.Request.Path.Value ?? "";
        Query = context.Request.QueryString.Value ?? "";
    }

    /// <summary>The path the client connected to (<c>/gateway</c> or <c>/resume-gateway</c>).</summary>
    public string Path { get; }

    public string Query { get; }

    public volatile bool AckHeartbeats = true;

    /// <summary>
    /// How long past <c>heartbeat_interval</c> the fake waits for a heartbeat before it times the connection out. The docs
    /// give no number ("There is already tolerance in the heartbeat_interval that will cover network latency"); one second
    /// keeps the rule strict while a client's beat and this deadline cannot fall due on the same Advance of the test clock.
    /// </summary>
    public static readonly TimeSpan HeartbeatGrace = TimeSpan.FromSeconds(1);

    /// <summary>Completes when the connection is over (closed or dropped by either side).</summary>
    public Task Ended => _ended.Task;

    /// <summary>Says Hello; from now on the client owes a heartbeat every <paramref name="heartbeatIntervalMs"/> (see <see cref="HeartbeatGrace"/>).</summary>
    public Task SendHelloAsync(int heartbeatIntervalMs)
    {
        lock (_deadlineLock) { _heartbeatInterval = TimeSpan.FromMilliseconds(heartbeatIntervalMs); }
        ArmHeartbeatDeadline();
        return SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatIntervalMs } });
    }

    // developers/events/gateway.mdx, "Sending Heartbeats": the first heartbeat is due heartbeat_interval * jitter (jitter in
    // [0, 1)) after Hello, then one every heartbeat_interval; "If your app fails to send a heartbeat event in time, your
    // connection will be closed and you will be forced to Resume". The code is 4009 Session timed out
    // (developers/topics/opcodes-and-status-codes.mdx, "Gateway Close Event Codes"). That table says to start a new
    // session after 4009 while gateway.mdx says to resume, so the fake keeps the session: either answer works here.
    private void ArmHeartbeatDeadline()
    {
        lock (_deadlineLock)
        {
            _heartbeatDeadline?.Dispose();
            _heartbeatDeadline = _heartbeatInterval is { } interval
                ? _server.Time.CreateTimer(_ => _ = TimeOutAsync(), null, interval + HeartbeatGrace, Timeout.InfiniteTimeSpan)
                : null;
        }
    }

    private async Task TimeOutAsync()
    {
        if (_ended.Task.IsCompleted || ServerCloseCode is not null)
        {
            return;
        }

        ServerCloseCode = 4009;
        try
        {
            await CloseAsync(4009, "Session timed out.");
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // The client closed or dropped the connection at the same moment.
        }
    }

    /// <summary>
    /// Sends an op 0 dispatch with the server's next sequence number; returns that number. An INTERACTION_CREATE (with a string id) gets
    /// the id the fake gives the interaction it creates (written into <paramref name="data"/>, so the test sees it too).
    /// </summary>
    public async Task<int> SendDispatchAsync(string eventName, JsonNode data)
    {
        if (eventName == "INTERACTION_CREATE" && data is JsonObject interaction && data["id"] is JsonValue id && id.TryGetValue<string>(out _)
            && data["token"]?.GetValue<string>() is { } token)
        {
            // Discord creates the interaction, and so its snowflake id, when the user runs the command: now on the fake's
            // clock. A payload made unreadable on purpose (an id that is no string) is sent as it is.
            interaction["id"] = _server.RegisterInteraction(
                token,
                attachmentSizeLimit: data["attachment_size_limit"] is { } limit
                    ? long.Parse(limit.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
                    : FakeDiscordServer.DefaultAttachmentSizeLimit);
        }

        if (eventName == "READY" && data["session_id"] is JsonValue session && session.TryGetValue<string>(out var sessionId))
        {
            _server.RecordSession(sessionId);
        }

        var seq = _server.NextSequence();
        await SendAsync(new JsonObject { ["op"] = 0, ["s"] = seq, ["t"] = eventName, ["d"] = data });
        return seq;
    }

    public Task<int> SendReadyAsync(string sessionId, params string[] guildIds) => SendDispatchAsync("READY", new JsonObject
    {
        ["v"] = 10,
        ["user"] = new JsonObject { ["id"] = "900", ["username"] = "spotifylocal", ["bot"] = true },
        ["session_id"] = sessionId,
        ["resume_gateway_url"] = _server.ResumeGatewayUrl.ToString(),
        ["application"] = new JsonObject { ["id"] = FakeDiscordServer.ApplicationId, ["flags"] = 0 },
        ["guilds"] = new JsonArray([.. guildIds.Select(id => (JsonNode)new JsonObject { ["id"] = id, ["unavailable"] = true })]),
    });

    public Task SendOpAsync(int op, JsonNode? data) => SendAsync(new JsonObject { ["op"] = op, ["d"] = data });

    /// <summary>The next payload the client sent with opcode <paramref name="op"/> (others are skipped).</summary>
    public async Task<JsonElement> ReceiveAsync(int op, CancellationToken cancellationToken)
    {
        while (true)
        {
            var payload = await _received.Reader.ReadAsync(cancellationToken);
            if (payload.GetProperty("op").GetInt32() == op)
            {
                return payload;
            }
        }
    }

    /// <summary>Closes with a gateway close code (e.g. 4004).</summary>
    public async Task CloseAsync(int code, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>The close code the fake gateway closed with because the client broke a rule (null: it did not).</summary>
    public int? ServerCloseCode
    {
        get { lock (_deadlineLock) { return _serverCloseCode; } }
        private set { lock (_deadlineLock) { _serverCloseCode = value; } }
    }

    // The gateway's rules for what a client sends (developers/events/gateway.mdx and
    // developers/topics/opcodes-and-status-codes.mdx, "Gateway Close Event Codes"): payloads of at most 4096 bytes (4002),
    // at most 120 per 60 s (4008), nothing but heartbeats before Identify/Resume (4003), one Identify (4005), a known
    // opcode (4001), Identify with the bot token (4004), integer intents and os/browser/device properties (4002).
    private (int Code, string Reason)? Violation(JsonElement payload, long size)
    {
        var now = _server.Time.GetUtcNow();
        _sends.Enqueue(now);
        while (_sends.TryPeek(out var oldest) && now - oldest >= TimeSpan.FromSeconds(60))
        {
            _sends.TryDequeue(out _);
        }

        if (size > 4096)
        {
            return (4002, "Decode error");
        }

        if (_sends.Count > 120)
        {
            return (4008, "Rate limited.");
        }

        var op = payload.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : -1;
        var d = payload.TryGetProperty("d", out var data) ? data : default;
        switch (op)
        {
            case 1:
                return null;
            case 2 or 6 when _authenticated:
                return (4005, "Already authenticated.");
            case 2:
                if (Text(d, "token") != FakeDiscordServer.BotToken)
                {
                    return (4004, "Authentication failed.");
                }

                if (!d.TryGetProperty("intents", out var intents) || intents.ValueKind != JsonValueKind.Number
                    || !d.TryGetProperty("properties", out var properties)
                    || Text(properties, "os") is null || Text(properties, "browser") is null || Text(properties, "device") is null)
                {
                    return (4002, "Decode error");
                }

                _authenticated = true;
                return null;
            case 6:
                if (Text(d, "token") != FakeDiscordServer.BotToken)
                {
                    return (4004, "Authentication failed.");
                }

                if (Text(d, "session_id") is null || !d.TryGetProperty("seq", out var seq) || seq.ValueKind != JsonValueKind.Number)
                {
                    return (4002, "Decode error");
                }

                // opcodes-and-status-codes.mdx, 4007 Invalid seq: "The sequence sent when resuming the session was invalid."
                if (seq.GetInt32() > _server.LastSequence)
                {
                    return (4007, "Invalid seq.");
                }

                _authenticated = true;
                return null;
            case 3 or 4 or 8 or 31:
                return _authenticated ? null : (4003, "Not authenticated.");
            default:
                return (4001, "Unknown opcode.");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    /// <summary>Drops the TCP connection without a close frame, like a network failure.</summary>
    public void Drop() => _context.Abort();

    internal async Task RunAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        if (ServerCloseCode is null)
                        {
                            // Not the client's answer to a close of ours: the client closed.
                            _server.RecordClientClose((int?)result.CloseStatus);
                        }

                        await EchoCloseAsync(result.CloseStatus);
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var payload = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                var violation = Violation(payload, message.Length);
                if (violation is null && payload.GetProperty("op").GetInt32() == 1)
                {
                    ArmHeartbeatDeadline();
                    if (AckHeartbeats)
                    {
                        // ACKed before the test can see the beat, so whatever the test sends next reaches the client after the ACK.
                        await SendAsync(new JsonObject { ["op"] = 11 });
                    }
                }

                _received.Writer.TryWrite(payload);
                if (violation is not null)
                {
                    ServerCloseCode = violation.Value.Code;
                    await CloseAsync(violation.Value.Code, violation.Value.Reason);
                    return;
                }

                // developers/events/gateway.mdx, "Resuming": a session Discord can no longer resume is answered with an
                // Invalid Session (op 9) whose d is false; the client must identify anew on a new connection.
                if (payload.GetProperty("op").GetInt32() == 6 && !_server.KnowsSession(Text(payload.GetProperty("d"), "session_id")!))
                {
                    await SendOpAsync(9, JsonValue.Create(false));
                    continue;
                }

            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException
            or ObjectDisposedException)
        {
            // The client or the test dropped the connection (Kestrel's ConnectionAbortedException is an OperationCanceledException).
        }
        finally
        {
            lock (_deadlineLock)
            {
                _heartbeatDeadline?.Dispose();
                _heartbeatDeadline = null;
                _heartbeatInterval = null;
            }

            _received.Writer.TryComplete();
            _ended.TrySetResult();
        }
    }

    // An endpoint answers a close frame with one of its own (RFC 6455 §5.5.1), so the client's close handshake completes.
    private async Task EchoCloseAsync(WebSocketCloseStatus? status)
    {
        await _sendLock.WaitAsync();
        try
        {
            if (_socket.State == WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(status ?? WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    // Large messages go out in several frames (EndOfMessage false until the last), as Discord sends big dispatches.
    private async Task SendAsync(JsonObject payload)
    {
        const int frameSize = 4096;
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            for (var offset = 0; offset < bytes.Length || offset == 0; offset += frameSize)
            {
                var count = Math.Min(frameSize, bytes.Length - offset);
                await _socket.SendAsync(
                    bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count >= bytes.Length, CancellationToken.None);
                if (offset + count >= bytes.Length)
                {
                    break;
                }
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
