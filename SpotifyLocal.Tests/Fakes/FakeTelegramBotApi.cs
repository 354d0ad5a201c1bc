using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// A loopback Telegram Bot API for tests: Kestrel on 127.0.0.1 (port 0) at the root, since Telegram.Bot keeps
/// only scheme and authority of its base URL. Serves scripted updates through getUpdates (long polls wait
/// for new ones), records every call, serves registered files and injects errors on request.
/// </summary>
public sealed class FakeTelegramBotApi : IAsyncDisposable
{
    public const string Token = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";
    public const long BotId = 123456;
    public const string BotUsername = "SpotifyLocalTestBot";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _updates = [];
    private readonly List<TelegramApiCall> _calls = [];
    private readonly List<string> _downloads = [];
    private readonly ConcurrentDictionary<string, (string Path, byte[] Content)> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Code, string Description, int? RetryAfter)>> _faults = new(StringComparer.Ordinal);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1;
    private int _nextMessageId = 1000;

    private FakeTelegramBotApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FakeTelegramBotApi> StartAsync(CancellationToken cancellationToken)
    {
        var app = LoopbackHost.Create();
        var fake = new FakeTelegramBotApi(app);
        app.Map("/bot{token}/{method}", fake.HandleMethodAsync);
        app.MapGet("/file/bot{token}/{**path}", fake.HandleFileAsync);
        fake.BaseUrl = await LoopbackHost.StartAsync(app, cancellationToken);
        return fake;
    }

    /// <summary>Every call so far, in arrival order (getUpdates included).</summary>
    public IReadOnlyList<TelegramApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>File paths downloaded through /file/bot…/.</summary>
    public IReadOnlyList<string> Downloads
    {
        get
        {
            lock (_gate)
            {
                return [.. _downloads];
            }
        }
    }

    /// <summary>Queues an update (an object with <c>message</c> or <c>callback_query</c>); returns its update_id.</summary>
    public int EnqueueUpdate(JsonObject update)
    {
        lock (_gate)
        {
            var id = _nextUpdateId++;
            update["update_id"] = id;
            _updates.Add(update);
            Signal();
            return id;
        }
    }

    public void AddFile(string fileId, string filePath, byte[] content) => _files[fileId] = (filePath, content);

    /// <summary>The next call of <paramref name="method"/> fails with this error (queued: several calls fail in turn).</summary>
    public void FailNext(string method, int errorCode, string description, int? retryAfter = null) =>
        _faults.GetOrAdd(method, _ => new ConcurrentQueue<(int, string, int?)>()).Enqueue((errorCode, description, retryAfter));

    /// <summary>Waits until a call of <paramref name="method"/> matching <paramref name="match"/> has arrived.</summary>
    public async Task<TelegramApiCall> WaitForCallAsync(string method, Func<TelegramApiCall, bool>? match, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30)); // a guard against hanging, not a timing assertion
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_calls.FirstOrDefault(c => c.Method == method && (match is null || match(c))) is { } call)
                {
                    return call;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No {method} call arrived. Calls: {string.Join(", ", Calls.Where(c => c.Method != "getUpdates").Select(c => c.Method))}");
            }
        }
    }

    public Task<TelegramApiCall> WaitForCallAsync(string method, CancellationToken cancellationToken) => WaitForCallAsync(method, null, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleMethodAsync(HttpContext http, string token, string method)
    {
        if (token != Token)
        {
            await WriteAsync(http, 401, new JsonObject { ["ok"] = false, ["error_code"] = 401, ["description"] = "Unauthorized" });
            return;
        }

        var (fields, files) = await ReadParametersAsync(http.Request);
        if (_faults.TryGetValue(method, out var faults) && faults.TryDequeue(out var fault))
        {
            Record(new TelegramApiCall(method, fields, files) { FailedWith = fault.Code });
            var error = new JsonObject { ["ok"] = false, ["error_code"] = fault.Code, ["description"] = fault.Description };
            if (fault.RetryAfter is { } retryAfter)
            {
                error["parameters"] = new JsonObject { ["retry_after"] = retryAfter };
            }

            await WriteAsync(http, fault.Code, error);
            return;
        }

        if (method == "getUpdates")
        {
            Record(new TelegramApiCall(method, fields, files));
            var updates = await NextUpdatesAsync(fields, http.RequestAborted);
            await WriteAsync(http, 200, Ok(updates));
            return;
        }

        JsonNode result;
        int? messageId = null;
        switch (method)
        {
            case "getMe":
                result = new JsonObject { ["id"] = BotId, ["is_bot"] = true, ["first_name"] = "SpotifyLocal", ["username"] = BotUsername };
                break;
            case "getFile":
                var fileId = fields["file_id"]!.GetValue<string>();
                if (!_files.TryGetValue(fileId, out var file))
                {
                    await WriteAsync(http, 400, new JsonObject { ["ok"] = false, ["error_code"] = 400, ["description"] = "Bad Request: invalid file_id" });
                    return;
                }

                result = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["file_size"] = file.Content.Length, ["file_path"] = file.Path };
                break;
            case "sendMessage" or "sendPhoto" or "editMessageText" or "editMessageMedia" or "editMessageCaption":
                messageId = method.StartsWith("send", StringComparison.Ordinal)
                    ? Interlocked.Increment(ref _nextMessageId)
                    : int.Parse(Text(fields, "message_id")!, System.Globalization.CultureInfo.InvariantCulture);
                result = MessageResult(method, messageId.Value, fields);
                break;
            default:
                result = true;
                break;
        }

        Record(new TelegramApiCall(method, fields, files) { ResultMessageId = messageId });
        await WriteAsync(http, 200, Ok(result));
    }

    private async Task HandleFileAsync(HttpContext http, string token, string path)
    {
        var file = _files.Values.FirstOrDefault(f => f.Path == path);
        if (token != Token || file.Content is null)
        {
            http.Response.StatusCode = 404;
            return;
        }

        lock (_gate)
        {
            _downloads.Add(path);
            Signal();
        }

        http.Response.ContentType = "application/octet-stream";
        await http.Response.Body.WriteAsync(file.Content, http.RequestAborted);
    }

    private async Task<JsonArray> NextUpdatesAsync(JsonObject fields, CancellationToken aborted)
    {
        var offset = int.TryParse(Text(fields, "offset"), out var o) ? o : 0;
        var timeoutSeconds = int.TryParse(Text(fields, "timeout"), out var t) ? t : 0;
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        poll.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                _updates.RemoveAll(u => u["update_id"]!.GetValue<int>() < offset);
                if (_updates.Count > 0)
                {
                    return new JsonArray([.. _updates.Select(u => u.DeepClone())]);
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(poll.Token);
            }
            catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
            {
                return [];
            }
        }
    }

    private static JsonObject MessageResult(string method, int messageId, JsonObject fields)
    {
        var chatId = long.Parse(Text(fields, "chat_id")!, System.Globalization.CultureInfo.InvariantCulture);
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = 1_767_225_600,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = chatId > 0 ? "private" : "supergroup" },
        };
        if (method is "sendPhoto" or "editMessageMedia" or "editMessageCaption")
        {
            message["photo"] = new JsonArray(new JsonObject { ["file_id"] = $"photo{messageId}", ["file_unique_id"] = $"p{messageId}", ["width"] = 800, ["height"] = 600 });
            message["caption"] = Text(fields, "caption") ?? "";
        }
        else
        {
            message["text"] = Text(fields, "text") ?? "";
        }

        return message;
    }

    private static async Task<(JsonObject Fields, IReadOnlyDictionary<string, byte[]> Files)> ReadParametersAsync(HttpRequest request)
    {
        var fields = new JsonObject();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, request.HttpContext.RequestAborted);
                files[file.Name] = buffer.ToArray();
            }
        }
        else if (request.ContentLength is not 0)
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            if (!string.IsNullOrWhiteSpace(body) && JsonNode.Parse(body) is JsonObject json)
            {
                fields = json;
            }
        }

        foreach (var (key, value) in request.Query)
        {
            fields[key] ??= value.ToString();
        }

        return (fields, files);
    }

    private static string? Text(JsonObject fields, string name) => fields[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };

    private static JsonObject Ok(JsonNode result) => new() { ["ok"] = true, ["result"] = result };

    private static async Task WriteAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    private void Record(TelegramApiCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            Signal();
        }
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
