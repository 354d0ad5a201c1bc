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

    /// <summary>Completes when the connection is over (closed or dropped by either side).</summary>
    public Task Ended => _ended.Task;

    public Task SendHelloAsync(int heartbeatIntervalMs) =>
        SendAsync(new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = heartbeatIntervalMs } });

    /// <summary>Sends an op 0 dispatch with the server's next sequence number; returns that number.</summary>
    public async Task<int> SendDispatchAsync(string eventName, JsonNode data)
    {
        if (eventName == "INTERACTION_CREATE" && data["id"] is JsonValue id && id.TryGetValue<string>(out var interactionId)
            && data["token"]?.GetValue<string>() is { } token)
        {
            _server.RegisterInteraction(interactionId, token);
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
                        _server.RecordClientClose((int?)result.CloseStatus);
                        await EchoCloseAsync(result.CloseStatus);
                        return;
                    }

                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                var payload = JsonDocument.Parse(message.ToArray()).RootElement.Clone();
                _received.Writer.TryWrite(payload);
                if (payload.GetProperty("op").GetInt32() == 1 && AckHeartbeats)
                {
                    await SendAsync(new JsonObject { ["op"] = 11 });
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

    private async Task SendAsync(JsonObject payload)
    {
        var bytes = Encoding.UTF8.GetBytes(payload.ToJsonString());
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
