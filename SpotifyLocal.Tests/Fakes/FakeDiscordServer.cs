using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// A loopback Discord: a WebSocket gateway (<c>/gateway</c>, and <c>/resume-gateway</c> as READY's resume URL) and the
/// REST routes the bot uses under <c>/api/v10</c>, plus an attachment CDN under <c>/attachments</c>. It records every
/// request (multipart parsed into payload_json + files) and can answer the next matching call with a 429.
/// </summary>
public sealed class FakeDiscordServer : IAsyncDisposable
{
    public const string BotToken = "fake-bot-token";
    public const string ApplicationId = "111111111111111111";

    /// <summary>The upload limit of a server without boosts (developers/reference.mdx, "Uploading Files": 10 MiB).</summary>
    public const long DefaultAttachmentSizeLimit = 10 * 1024 * 1024;

    /// <summary>A <see cref="FailNext"/> status that drops the connection without an answer, like a network failure.</summary>
    public const int DropConnection = 0;

    /// <summary>
    /// "All bots can make up to 50 requests per second to our API" (developers/topics/rate-limits.mdx, "Global Rate
    /// Limit"); interaction endpoints are not bound to it.
    /// </summary>
    public const int GlobalRequestsPerSecond = 50;

    private readonly WebApplication _app;
    private readonly Channel<FakeDiscordGatewayConnection> _connections = Channel.CreateUnbounded<FakeDiscordGatewayConnection>();
    private readonly Lock _lock = new();
    private readonly List<FakeDiscordRequest> _requests = [];
    private readonly List<(string Method, string PathPrefix, double RetryAfter, string Scope, int? Code)> _rateLimits = [];
    private readonly Queue<DateTimeOffset> _globalWindow = new();
    private readonly List<(FakeDiscordRequest, string)> _rateLimited = [];
    private readonly List<(string Method, string PathPrefix, int Status)> _failures = [];
    private readonly Dictionary<string, byte[]> _attachments = [];
    private readonly List<int?> _clientCloses = [];
    private readonly Dictionary<string, int> _failingChannels = [];
    private readonly Dictionary<string, (string Id, DateTimeOffset At)> _messagesByNonce = [];
    private readonly List<string> _createdChannelMessages = [];
    private readonly List<(string, FakeDiscordMessage, FakeDiscordRequest)> _channelMessages = [];
    private readonly Dictionary<string, FakeDiscordInteraction> _interactions = [];
    private readonly HashSet<string> _sessions = [];
    private readonly Dictionary<string, string> _commands = [];
    private TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _sequence;
    private int _snowflakeIncrement;
    private int _sessionStartsRemaining = 999;
    private long _sessionStartResetAfterMs = 14_400_000;
    private int _connectionCount;

    private FakeDiscordServer(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The clock the interaction deadlines (3 s, 15 min) are measured on: the test's fake clock. Frozen by default.</summary>
    public TimeProvider Time { get; set; } = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();

    public string ApiBaseUrl => new Uri(BaseUrl, "api/v10").ToString();

    public Uri GatewayUrl => new($"ws://{BaseUrl.Authority}/gateway");

    public Uri ResumeGatewayUrl => new($"ws://{BaseUrl.Authority}/resume-gateway");

    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    public int LastSequence => Volatile.Read(ref _sequence);

    public IReadOnlyList<FakeDiscordRequest> Requests
    {
        get { lock (_lock) { return [.. _requests]; } }
    }

    /// <summary>Close codes the client sent when it closed a connection itself (null = no code).</summary>
    public IReadOnlyList<int?> ClientCloseCodes
    {
        get { lock (_lock) { return [.. _clientCloses]; } }
    }

    public static async Task<FakeDiscordServer> StartAsync()
    {
        var app = LoopbackHost.Create();
        var fake = new FakeDiscordServer(app);
        app.UseWebSockets();
        app.Run(fake.HandleAsync);
        fake.BaseUrl = new Uri(await LoopbackHost.StartAsync(app) + "/");
        return fake;
    }

    public Uri AttachmentUrl(string name) => new(BaseUrl, $"attachments/{name}");

    public void AddAttachment(string name, byte[] content)
    {
        lock (_lock) { _attachments[name] = content; }
    }

    /// <summary>
    /// The next request whose method matches and whose path starts with the prefix gets a 429: the bot's own limit, the
    /// global one, or a <paramref name="shared"/> resource limit (<c>X-RateLimit-Scope: shared</c>, often with a long
    /// retry_after; developers/topics/rate-limits.mdx, "Exceeding A Rate Limit"), with the JSON error
    /// <paramref name="code"/> Discord adds "for some limits".
    /// </summary>
    public void RateLimitNext(
        string method, string pathPrefix, double retryAfterSeconds, bool global = false, bool shared = false, int? code = null)
    {
        lock (_lock) { _rateLimits.Add((method, pathPrefix, retryAfterSeconds, global ? "global" : shared ? "shared" : "user", code)); }
    }

    /// <summary>Requests answered with a 429 (the ones <see cref="RateLimitNext"/> asked for and the global limit's own), with their scope.</summary>
    public IReadOnlyList<(FakeDiscordRequest Request, string Scope)> RateLimited
    {
        get { lock (_lock) { return [.. _rateLimited]; } }
    }

    /// <summary>The next request whose method matches and whose path starts with the prefix gets <paramref name="status"/>.</summary>
    public void FailNext(string method, string pathPrefix, int status)
    {
        lock (_lock) { _failures.Add((method, pathPrefix, status)); }
    }

    /// <summary>What <c>GET /gateway/bot</c> reports as session_start_limit from now on.</summary>
    public void SessionStartLimit(int remaining, long resetAfterMs)
    {
        Volatile.Write(ref _sessionStartsRemaining, remaining);
        Interlocked.Exchange(ref _sessionStartResetAfterMs, resetAfterMs);
    }

    /// <summary>Every later post to the channel answers <paramref name="status"/> (403 Missing Access, 404 Unknown Channel).</summary>
    public void FailChannel(string channelId, int status)
    {
        lock (_lock) { _failingChannels[channelId] = status; }
    }

    /// <summary>Ids of the channel messages actually created (a post deduplicated by <c>enforce_nonce</c> adds none).</summary>
    public IReadOnlyList<string> CreatedChannelMessages
    {
        get { lock (_lock) { return [.. _createdChannelMessages]; } }
    }

    public async Task<FakeDiscordGatewayConnection> NextConnectionAsync(CancellationToken cancellationToken) =>
        await _connections.Reader.ReadAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);

    /// <summary>Waits until a request matching <paramref name="match"/> has arrived (including ones already recorded).</summary>
    public async Task<FakeDiscordRequest> WaitForRequestAsync(
        Func<FakeDiscordRequest, bool> match, CancellationToken cancellationToken) =>
        (await WaitForRequestAsync(match, cancellationToken, evenWithoutRequests: false))!;

    private async Task<FakeDiscordRequest?> WaitForRequestAsync(
        Func<FakeDiscordRequest, bool> match, CancellationToken cancellationToken, bool evenWithoutRequests)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            Task arrived;
            lock (_lock)
            {
                if (_requests.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                if (evenWithoutRequests && match(null!))
                {
                    return null;
                }

                arrived = _requestArrived.Task;
            }

            await arrived.WaitAsync(timeout.Token);
        }
    }

    /// <summary>The registered commands (JSON array) globally (<paramref name="guildId"/> null) or in one server.</summary>
    public string CommandsIn(string? guildId)
    {
        lock (_lock) { return _commands.TryGetValue(guildId ?? "", out var json) ? json : "[]"; }
    }

    /// <summary>Replaces the commands of one scope, as a PUT does (tests use it to leave commands from an earlier run).</summary>
    public void SetCommands(string? guildId, string json)
    {
        lock (_lock)
        {
            _commands[guildId ?? ""] = json;
            Changed();
        }
    }

    /// <summary>The id the fake gives the DM channel with <paramref name="userId"/>.</summary>
    public static string DmChannelOf(string userId) => $"dm-{userId}";

    /// <summary>Channel messages actually created, with the channel they went to.</summary>
    public IReadOnlyList<(string ChannelId, FakeDiscordMessage Message, FakeDiscordRequest Request)> ChannelMessages
    {
        get { lock (_lock) { return [.. _channelMessages]; } }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; it is checked after every request and every change the fake makes.</summary>
    public Task WaitUntilAsync(Func<bool> condition, CancellationToken cancellationToken) =>
        WaitForRequestAsync(_ => condition(), cancellationToken, evenWithoutRequests: true);

    public int NextSequence() => Interlocked.Increment(ref _sequence);

    /// <summary>The gateway forgets every session (as after an outage or a long absence): each later Resume is refused.</summary>
    public void ForgetSessions()
    {
        lock (_lock) { _sessions.Clear(); }
    }

    internal void RecordSession(string sessionId)
    {
        lock (_lock) { _sessions.Add(sessionId); }
    }

    internal bool KnowsSession(string sessionId)
    {
        lock (_lock) { return _sessions.Contains(sessionId); }
    }

    /// <summary>
    /// Creates an interaction now, as Discord does when someone runs a command (INTERACTION_CREATE dispatches do this
    /// themselves), and returns its id: a snowflake carrying this moment of <see cref="Time"/>, from which the 3-second
    /// and 15-minute deadlines count. <paramref name="acknowledged"/> skips the callback for tests of the webhook routes alone.
    /// </summary>
    public string RegisterInteraction(string token, bool acknowledged = false, long attachmentSizeLimit = DefaultAttachmentSizeLimit)
    {
        lock (_lock)
        {
            var id = Snowflake(Time.GetUtcNow(), ++_snowflakeIncrement);
            _interactions[token] = new FakeDiscordInteraction(id, token, SnowflakeTime(id), attachmentSizeLimit)
            {
                CallbackType = acknowledged ? 4 : null,
            };
            return id;
        }
    }

    // developers/reference.mdx, "Snowflakes": milliseconds since the Discord epoch (2015-01-01) in the top 42 bits, then
    // worker, process and a per-process increment; "Convert Snowflake to DateTime": (snowflake >> 22) + 1420070400000.
    private const long DiscordEpochMs = 1_420_070_400_000;

    private static string Snowflake(DateTimeOffset at, int increment) =>
        (((ulong)(at.ToUnixTimeMilliseconds() - DiscordEpochMs) << 22) | (uint)(increment & 0xFFF))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset SnowflakeTime(string id) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(ulong.Parse(id, System.Globalization.CultureInfo.InvariantCulture) >> 22) + DiscordEpochMs);

    /// <summary>What users see of an interaction's answers: the original response (if any) first, then the followups.</summary>
    public IReadOnlyList<FakeDiscordMessage> MessagesOf(string token)
    {
        lock (_lock)
        {
            return _interactions.TryGetValue(token, out var interaction)
                ? [.. interaction.Original is { } original ? [original] : Array.Empty<FakeDiscordMessage>(), .. interaction.Followups]
                : [];
        }
    }

    // Wakes every waiter to check its condition again. Call with _lock held.
    private void Changed()
    {
        _requestArrived.TrySetResult();
        _requestArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal void RecordClientClose(int? code)
    {
        lock (_lock) { _clientCloses.Add(code); }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.WebSockets.IsWebSocketRequest)
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            var connection = new FakeDiscordGatewayConnection(socket, context, this);
            Interlocked.Increment(ref _connectionCount);
            var run = connection.RunAsync();
            _connections.Writer.TryWrite(connection);
            await run;
            return;
        }

        var request = await RecordAsync(context.Request);
        if (TakeFailure(request) is { } status)
        {
            if (status == DropConnection)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = status;
            return;
        }

        if ((TakeRateLimit(request) ?? OverGlobalLimit(request)) is { } limit)
        {
            await RateLimitedAsync(context.Response, request, limit.RetryAfter, limit.Scope, limit.Code);
            return;
        }

        var message = request.Method is "PATCH" || request.Path.EndsWith("/messages", StringComparison.Ordinal)
            || (request.Method == "POST" && request.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal))
            ? request.Body is null ? default : request.Json
            : request.Path.EndsWith("/callback", StringComparison.Ordinal) && request.Json.TryGetProperty("data", out var data) ? data : default;
        if (FakeDiscordMessageRules.Check(message, request.Files) is { } invalid)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(invalid);
            return;
        }

        if (request.Path.StartsWith("/api/", StringComparison.Ordinal))
        {
            RateLimitHeaders(context.Response, request, remaining: 4, resetAfter: 1);
        }

        await RespondAsync(context, request);
    }

    // developers/topics/rate-limits.mdx, "Exceeding A Rate Limit": a JSON body {message, retry_after (float seconds),
    // global, code?} with Retry-After (whole seconds) and X-RateLimit-Scope. As in the doc's three examples, a user-scope
    // 429 shows the bucket spent; a shared one (a limit on the resource, "not counted against you") shows the bot's bucket
    // as it is, with budget left; a global one carries X-RateLimit-Global and no per-route headers.
    private async Task RateLimitedAsync(HttpResponse response, FakeDiscordRequest request, double retryAfter, string scope, int? code)
    {
        lock (_lock)
        {
            _rateLimited.Add((request, scope));
        }

        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers["Retry-After"] = Math.Ceiling(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Scope"] = scope;
        switch (scope)
        {
            case "global":
                response.Headers["X-RateLimit-Global"] = "true";
                break;
            case "shared":
                RateLimitHeaders(response, request, remaining: 4, resetAfter: 1);
                break;
            default:
                RateLimitHeaders(response, request, remaining: 0, resetAfter: retryAfter);
                break;
        }

        var body = new JsonObject
        {
            ["message"] = scope == "shared" ? "The resource is being rate limited." : "You are being rate limited.",
            ["retry_after"] = retryAfter,
            ["global"] = scope == "global",
        };
        if (code is not null)
        {
            body["code"] = code;
        }

        await response.WriteAsJsonAsync(body);
    }

    // The global limit, counted on the test's clock over a sliding second: requests with the bot token, except interaction
    // endpoints (callbacks and the interaction webhooks; rate-limits.mdx, "Global Rate Limit"). A 429 is not counted.
    private (double RetryAfter, string Scope, int? Code)? OverGlobalLimit(FakeDiscordRequest request)
    {
        if (request.Authorization is null || !request.Path.StartsWith("/api/", StringComparison.Ordinal)
            || request.Path.StartsWith("/api/v10/interactions/", StringComparison.Ordinal)
            || request.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal))
        {
            return null;
        }

        var now = Time.GetUtcNow();
        lock (_lock)
        {
            while (_globalWindow.TryPeek(out var oldest) && now - oldest >= TimeSpan.FromSeconds(1))
            {
                _globalWindow.Dequeue();
            }

            if (_globalWindow.Count >= GlobalRequestsPerSecond)
            {
                return ((_globalWindow.Peek() + TimeSpan.FromSeconds(1) - now).TotalSeconds, "global", null);
            }

            _globalWindow.Enqueue(now);
            return null;
        }
    }

    // developers/topics/rate-limits.mdx, "Header Format": every API answer carries X-RateLimit-Limit, -Remaining, -Reset
    // (epoch seconds), -Reset-After (seconds) and -Bucket (one hash per route template); a 429 adds X-RateLimit-Scope.
    // This fake's buckets never run dry on their own (RateLimitNext makes a 429), so a test never waits for a real clock.
    private void RateLimitHeaders(HttpResponse response, FakeDiscordRequest request, int remaining, double resetAfter)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var template = string.Join('/', request.Path.Split('/').Select(s => s.Length > 0 && (char.IsDigit(s[0]) || s.Contains('-')) ? ":id" : s));
        var bucket = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{request.Method} {template}")))[..16];
        response.Headers["X-RateLimit-Limit"] = "5";
        response.Headers["X-RateLimit-Remaining"] = remaining.ToString(invariant);
        response.Headers["X-RateLimit-Reset"] = (Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0 + resetAfter).ToString("0.000", invariant);
        response.Headers["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", invariant);
        response.Headers["X-RateLimit-Bucket"] = bucket;
    }

    private int? TakeFailure(FakeDiscordRequest request)
    {
        lock (_lock)
        {
            var index = _failures.FindIndex(f => f.Method == request.Method && request.Path.StartsWith(f.PathPrefix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var status = _failures[index].Status;
            _failures.RemoveAt(index);
            return status;
        }
    }

    private (double RetryAfter, string Scope, int? Code)? TakeRateLimit(FakeDiscordRequest request)
    {
        lock (_lock)
        {
            var index = _rateLimits.FindIndex(r => r.Method == request.Method && request.Path.StartsWith(r.PathPrefix, StringComparison.Ordinal));
            if (index < 0)
            {
                return null;
            }

            var limit = _rateLimits[index];
            _rateLimits.RemoveAt(index);
            return (limit.RetryAfter, limit.Scope, limit.Code);
        }
    }

    private async Task RespondAsync(HttpContext context, FakeDiscordRequest request)
    {
        var path = request.Path;
        var response = context.Response;
        if (path.StartsWith("/attachments/", StringComparison.Ordinal))
        {
            byte[]? content;
            lock (_lock) { _attachments.TryGetValue(path["/attachments/".Length..], out content); }
            if (content is null)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            response.ContentType = "application/zip";
            response.ContentLength = content.Length;
            await response.Body.WriteAsync(content);
            return;
        }

        if (request.Authorization != $"Bot {BotToken}")
        {
            response.StatusCode = StatusCodes.Status401Unauthorized;
            await response.WriteAsJsonAsync(new JsonObject { ["message"] = "401: Unauthorized", ["code"] = 0 });
            return;
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // segments[0] = "api", [1] = "v10"
        switch (request.Method, segments.Skip(2).ToArray())
        {
            case ("GET", ["gateway", "bot"]):
                await response.WriteAsJsonAsync(new JsonObject
                {
                    ["url"] = GatewayUrl.ToString().TrimEnd('/'),
                    ["shards"] = 1,
                    ["session_start_limit"] = new JsonObject
                    {
                        ["total"] = 1000,
                        ["remaining"] = Volatile.Read(ref _sessionStartsRemaining),
                        ["reset_after"] = Interlocked.Read(ref _sessionStartResetAfterMs),
                        ["max_concurrency"] = 1,
                    },
                });
                return;
            case ("GET", ["applications", _, "commands"]):
            case ("GET", ["applications", _, "guilds", _, "commands"]):
                response.ContentType = "application/json";
                await response.WriteAsync(CommandsIn(segments.Length == 7 ? segments[5] : null));
                return;
            case ("PUT", ["applications", _, "commands"]):
            case ("PUT", ["applications", _, "guilds", _, "commands"]):
                var guild = segments.Length == 7 ? segments[5] : null;
                // contexts and integration_types are "only for globally-scoped commands"
                // (developers/interactions/application-commands.mdx, "Application Command Object").
                if (guild is not null && request.Json.EnumerateArray().Any(c => c.TryGetProperty("contexts", out _) || c.TryGetProperty("integration_types", out _)))
                {
                    response.StatusCode = StatusCodes.Status400BadRequest;
                    await response.WriteAsJsonAsync(new JsonObject
                    {
                        ["message"] = "Invalid Form Body", ["code"] = 50035,
                        ["errors"] = new JsonObject { ["0"] = new JsonObject { ["contexts"] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = "GUILD_COMMAND_CONTEXTS", ["message"] = "Only global commands have contexts." }) } } },
                    });
                    return;
                }

                response.Headers["X-RateLimit-Bucket"] = "commands-bucket";
                response.Headers["X-RateLimit-Limit"] = "2";
                response.Headers["X-RateLimit-Remaining"] = "1";
                response.Headers["X-RateLimit-Reset-After"] = "20.0";
                response.ContentType = "application/json";
                SetCommands(guild, request.Body ?? "[]");
                await response.WriteAsync(request.Body ?? "[]");
                return;
            case ("POST", ["interactions", var interactionId, var callbackToken, "callback"]):
                await CallbackAsync(response, request, interactionId, callbackToken);
                return;
            case ("POST", ["users", "@me", "channels"]):
                // developers/resources/user.mdx, "Create DM": returns the DM channel object (type 1).
                await response.WriteAsJsonAsync(new JsonObject
                {
                    ["id"] = DmChannelOf(request.Json.GetProperty("recipient_id").GetString()!), ["type"] = 1,
                });
                return;
            case ("POST", ["channels", var channelId, "messages"]):
                await CreateChannelMessageAsync(response, request, channelId);
                return;
            case ("DELETE" or "PATCH", ["webhooks", _, var originalToken, "messages", "@original"]):
                await WebhookAsync(response, request, originalToken);
                return;
            case ("POST", ["webhooks", _, var followupToken]):
                await WebhookAsync(response, request, followupToken);
                return;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                await response.WriteAsJsonAsync(new JsonObject { ["message"] = "404: Not Found", ["code"] = 0 });
                return;
        }
    }

    // developers/interactions/receiving-and-responding.mdx, "Responding to an Interaction": the initial response is due
    // within 3 seconds (the token is invalidated after: 10062 Unknown interaction), and only one may be sent (40060).
    private async Task CallbackAsync(HttpResponse response, FakeDiscordRequest request, string interactionId, string token)
    {
        var type = request.Json.TryGetProperty("type", out var t) ? t.GetInt32() : 0;
        var flags = request.Json.TryGetProperty("data", out var d) && d.ValueKind == System.Text.Json.JsonValueKind.Object
            && d.TryGetProperty("flags", out var f) ? f.GetInt32() : 0;
        JsonObject? error = null;
        lock (_lock)
        {
            if (!_interactions.TryGetValue(token, out var interaction) || interaction.Id != interactionId
                || Time.GetUtcNow() - interaction.CreatedAt > TimeSpan.FromSeconds(3))
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                error = new JsonObject { ["message"] = "Unknown interaction", ["code"] = 10062 };
            }
            else if (TooLarge(interaction, request) is { } tooLarge)
            {
                response.StatusCode = StatusCodes.Status413RequestEntityTooLarge;
                error = tooLarge;
            }
            else if (interaction.CallbackType is not null)
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
                error = new JsonObject { ["message"] = "Interaction has already been acknowledged.", ["code"] = 40060 };
            }
            else
            {
                interaction.CallbackType = type;
                var ephemeral = (flags & 64) != 0;
                interaction.Original = type switch
                {
                    4 => MessageFrom(request.Json.GetProperty("data"), ephemeral),
                    5 => new FakeDiscordMessage("", null, ephemeral, Thinking: true),
                    _ => null, // 6/7 answer on the message the button sits on
                };
                Changed();
            }
        }

        if (error is not null)
        {
            await response.WriteAsJsonAsync(error);
            return;
        }

        response.StatusCode = StatusCodes.Status204NoContent;
    }

    // receiving-and-responding.mdx, "Followup Messages": the token allows edits and followups for 15 minutes after the
    // interaction, and only once it was answered. A followup right after a type-5 deferral edits the deferred message
    // and ignores the ephemeral flag ("Create Followup Message").
    private async Task WebhookAsync(HttpResponse response, FakeDiscordRequest request, string token)
    {
        JsonObject? error = null;
        FakeDiscordMessage? result = null;
        lock (_lock)
        {
            if (!_interactions.TryGetValue(token, out var interaction) || interaction.CallbackType is null)
            {
                response.StatusCode = StatusCodes.Status404NotFound;
                error = new JsonObject { ["message"] = "Unknown Webhook", ["code"] = 10015 };
            }
            else if (Time.GetUtcNow() - interaction.CreatedAt > TimeSpan.FromMinutes(15))
            {
                response.StatusCode = StatusCodes.Status401Unauthorized;
                error = new JsonObject { ["message"] = "Invalid Webhook Token", ["code"] = 50027 };
            }
            else if (TooLarge(interaction, request) is { } tooLarge)
            {
                response.StatusCode = StatusCodes.Status413RequestEntityTooLarge;
                error = tooLarge;
            }
            else if (request.Method == "DELETE")
            {
                if (interaction.Original is null)
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                    error = new JsonObject { ["message"] = "Unknown Message", ["code"] = 10008 };
                }
                else
                {
                    interaction.Original = null;
                    Changed();
                    response.StatusCode = StatusCodes.Status204NoContent;
                    return;
                }
            }
            else
            {
                var ephemeral = request.Json.TryGetProperty("flags", out var f) && (f.GetInt32() & 64) != 0;
                var editsOriginal = request.Method == "PATCH" || interaction.Original is { Thinking: true };
                if (editsOriginal)
                {
                    // An existing message's ephemeral state cannot change: the deferral's stays.
                    interaction.Original = MessageFrom(request.Json, interaction.Original?.Ephemeral ?? ephemeral);
                    result = interaction.Original;
                }
                else
                {
                    result = MessageFrom(request.Json, ephemeral);
                    interaction.Followups.Add(result);
                }

                Changed();
            }
        }

        if (error is not null)
        {
            await response.WriteAsJsonAsync(error);
            return;
        }

        await response.WriteAsJsonAsync(new JsonObject
        {
            ["id"] = (900000 + Requests.Count).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["channel_id"] = "222",
            ["content"] = result!.Content,
            ["flags"] = result.Ephemeral ? 64 : 0,
        });
    }

    // developers/interactions/receiving-and-responding.mdx, "Interaction Object": attachment_size_limit is the most bytes
    // an answer to the interaction may upload; developers/topics/opcodes-and-status-codes.mdx, "JSON Error Codes": 40005
    // Request entity too large, with HTTP 413.
    private static JsonObject? TooLarge(FakeDiscordInteraction interaction, FakeDiscordRequest request) =>
        request.Files.Sum(f => (long)f.Content.Length) > interaction.AttachmentSizeLimit
            ? new JsonObject { ["message"] = "Request entity too large", ["code"] = 40005 }
            : null;

    private static FakeDiscordMessage MessageFrom(System.Text.Json.JsonElement payload, bool ephemeral)
    {
        string Text(System.Text.Json.JsonElement e, string name) =>
            e.ValueKind == System.Text.Json.JsonValueKind.Object && e.TryGetProperty(name, out var v)
                && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString()! : "";
        var description = payload.ValueKind == System.Text.Json.JsonValueKind.Object
            && payload.TryGetProperty("embeds", out var embeds) && embeds.GetArrayLength() > 0
            ? Text(embeds[0], "description")
            : null;
        return new FakeDiscordMessage(Text(payload, "content"), description, ephemeral, Thinking: false);
    }

    // developers/resources/message.mdx, "Create Message": with enforce_nonce, a nonce the same author used "in the past few
    // minutes" returns that message instead of a new one; after that the nonce is forgotten and a second message is made.
    private static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    // Like Discord: a failing channel answers its error; with enforce_nonce a recent nonce returns that message.
    private async Task CreateChannelMessageAsync(HttpResponse response, FakeDiscordRequest request, string channelId)
    {
        var json = request.Json;
        var nonce = json.ValueKind == System.Text.Json.JsonValueKind.Object && json.TryGetProperty("nonce", out var n) ? n.GetString() : null;
        var enforce = json.ValueKind == System.Text.Json.JsonValueKind.Object && json.TryGetProperty("enforce_nonce", out var e) && e.GetBoolean();
        string id;
        lock (_lock)
        {
            if (_failingChannels.TryGetValue(channelId, out var status))
            {
                response.StatusCode = status;
                id = "";
            }
            else if (enforce && nonce is not null && _messagesByNonce.TryGetValue(nonce, out var existing)
                && Time.GetUtcNow() - existing.At < NonceLifetime)
            {
                id = existing.Id;
            }
            else
            {
                id = (700000 + _createdChannelMessages.Count).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _createdChannelMessages.Add(id);
                _channelMessages.Add((channelId, MessageFrom(json, ephemeral: false), request));
                Changed();
                if (nonce is not null)
                {
                    _messagesByNonce[nonce] = (id, Time.GetUtcNow());
                }
            }
        }

        if (id.Length == 0)
        {
            await response.WriteAsJsonAsync(response.StatusCode == 404
                ? new JsonObject { ["message"] = "Unknown Channel", ["code"] = 10003 }
                : new JsonObject { ["message"] = "Missing Access", ["code"] = 50001 });
            return;
        }

        await response.WriteAsJsonAsync(new JsonObject { ["id"] = id, ["channel_id"] = channelId, ["content"] = "" });
    }

    private async Task<FakeDiscordRequest> RecordAsync(HttpRequest request)
    {
        string? body = null;
        var files = new List<FakeDiscordFile>();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            body = form["payload_json"];
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files.Add(new FakeDiscordFile(file.Name, file.FileName, file.ContentType, buffer.ToArray()));
            }
        }
        else if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body);
            body = await reader.ReadToEndAsync();
        }

        var recorded = new FakeDiscordRequest(
            request.Method, request.Path.Value ?? "", request.Headers.Authorization.FirstOrDefault(),
            request.Headers.UserAgent.FirstOrDefault(), request.ContentType, body, files);
        lock (_lock)
        {
            _requests.Add(recorded);
            Changed();
        }

        return recorded;
    }
}
