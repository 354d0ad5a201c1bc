using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// A loopback Telegram Bot API for tests: Kestrel on 127.0.0.1 (port 0) at the root, since Telegram.Bot keeps
/// only scheme and authority of its base URL. Serves scripted updates through getUpdates (long polls wait
/// for new ones), records every call, serves registered files and injects errors on request. Enforces the Bot API's
/// documented rules (each cited next to its check): HTML parse mode, text and caption limits, unmodified edits,
/// callback data size, late callback answers and flood limits (both on <see cref="Clock"/>), getFile's 20 MB, getUpdates
/// while a webhook is set and its 100-update page.
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
    private readonly ConcurrentDictionary<string, (string Path, byte[] Content, long Size)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<(long Chat, int Message), string> _shown = [];
    private readonly Dictionary<string, DateTimeOffset> _callbackQueries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(int Code, string Description, int? RetryAfter)>> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<long, List<DateTimeOffset>> _sentByChat = [];
    private readonly List<DateTimeOffset> _sent = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1;
    private int _nextMessageId = 1000;
    private string? _webhookUrl;

    private FakeTelegramBotApi(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The clock that time-bound rules (late callback answers) read; tests set their fake clock.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>The sending budgets answered with 429 (Telegram's by default); null lets every burst through.</summary>
    public FakeTelegramFloodLimits? FloodLimits { get; set; } = FakeTelegramFloodLimits.Telegram;

    /// <summary>The webhook URL set for this bot (then getUpdates answers 409), or null.</summary>
    public string? WebhookUrl
    {
        get
        {
            lock (_gate)
            {
                return _webhookUrl;
            }
        }

        set
        {
            lock (_gate)
            {
                _webhookUrl = value;
            }
        }
    }

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
            if (update["callback_query"]?["id"]?.GetValue<string>() is { } queryId)
            {
                _callbackQueries[queryId] = Clock.GetUtcNow();
            }

            _updates.Add(update);
            Signal();
            return id;
        }
    }

    /// <summary>Serves <paramref name="content"/> as a file; <paramref name="reportedSize"/> stands in for a large file's size without its bytes.</summary>
    public void AddFile(string fileId, string filePath, byte[] content, long? reportedSize = null) =>
        _files[fileId] = (filePath, content, reportedSize ?? content.Length);

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
            Record(new TelegramApiCall(method, fields, files) { FailedWith = fault.Code, FailedDescription = fault.Description, RetryAfter = fault.RetryAfter });
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
            // https://core.telegram.org/bots/api#getupdates: "will not work if an outgoing webhook is set up" (409 Conflict).
            if (WebhookUrl is not null)
            {
                await RefuseAsync(http, new TelegramApiCall(method, fields, files), 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
                return;
            }

            Record(new TelegramApiCall(method, fields, files));
            var updates = await NextUpdatesAsync(fields, http.RequestAborted);
            await WriteAsync(http, 200, Ok(updates));
            return;
        }

        var call = new TelegramApiCall(method, fields, files);
        if (Refusal(call) is { } refusal)
        {
            await RefuseAsync(http, call, 400, refusal);
            return;
        }

        if (SendingMethods.Contains(method) && FloodWait(call) is { } wait)
        {
            // https://core.telegram.org/bots/api#responseparameters: retry_after, "the number of seconds left to wait before
            // the request can be repeated"; the error reads {"ok":false,"error_code":429,"description":"Too Many Requests:
            // retry after N","parameters":{"retry_after":N}}.
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            Record(call with { FailedWith = 429, FailedDescription = $"Too Many Requests: retry after {seconds}", RetryAfter = seconds });
            await WriteAsync(http, 429, new JsonObject
            {
                ["ok"] = false,
                ["error_code"] = 429,
                ["description"] = $"Too Many Requests: retry after {seconds}",
                ["parameters"] = new JsonObject { ["retry_after"] = seconds },
            });
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
                    await RefuseAsync(http, call, 400, "Bad Request: invalid file_id");
                    return;
                }

                // https://core.telegram.org/bots/api#getfile: "bots can download files of up to 20MB in size".
                if (file.Size > MaxDownloadBytes)
                {
                    await RefuseAsync(http, call, 400, "Bad Request: file is too big");
                    return;
                }

                result = new JsonObject { ["file_id"] = fileId, ["file_unique_id"] = "u" + fileId, ["file_size"] = file.Size, ["file_path"] = file.Path };
                break;
            case "sendMessage" or "sendPhoto" or "editMessageText" or "editMessageMedia" or "editMessageCaption":
                messageId = method.StartsWith("send", StringComparison.Ordinal)
                    ? Interlocked.Increment(ref _nextMessageId)
                    : int.Parse(Text(fields, "message_id")!, System.Globalization.CultureInfo.InvariantCulture);
                if (!TryShow(call, messageId.Value))
                {
                    Unsend(call);
                    // https://core.telegram.org/bots/api#editmessagetext: an edit must change the text or the markup.
                    await RefuseAsync(http, call, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
                    return;
                }

                result = MessageResult(method, messageId.Value, fields);
                break;
            case "deleteWebhook":
                WebhookUrl = null;
                result = true;
                break;
            default:
                result = true;
                break;
        }

        Record(call with { ResultMessageId = messageId });
        await WriteAsync(http, 200, Ok(result));
    }

    private const long MaxDownloadBytes = 20L * 1024 * 1024;

    /// <summary>The 400 description Telegram gives this call, or null when the call is well formed.</summary>
    private string? Refusal(TelegramApiCall call)
    {
        // https://core.telegram.org/bots/api#formatting-options: text and captions are parsed as HTML when parse_mode says so.
        foreach (var (name, limit, tooLong) in new[] { ("text", 4096, "message is too long"), ("caption", 1024, "message caption is too long") })
        {
            var text = call.Text(name) ?? (name == "caption" ? call.Json("media")?["caption"]?.GetValue<string>() : null);
            if (text is null)
            {
                continue;
            }

            var html = call.Text("parse_mode") == "HTML" || call.Json("media")?["parse_mode"]?.GetValue<string>() == "HTML";
            var (visible, error) = html ? FakeTelegramHtml.Parse(text) : (text, null);
            if (error is not null)
            {
                return error;
            }

            // https://core.telegram.org/bots/api#sendmessage: "1-4096 characters after entities parsing";
            // https://core.telegram.org/bots/api#sendphoto: caption "0-1024 characters after entities parsing".
            if (visible!.Length > limit)
            {
                return "Bad Request: " + tooLong;
            }

            if (name == "text" && visible.Trim().Length == 0)
            {
                return "Bad Request: message text is empty";
            }
        }

        // https://core.telegram.org/bots/api#inlinekeyboardbutton: callback_data is "1-64 bytes".
        var buttons = call.Json("reply_markup")?["inline_keyboard"]?.AsArray().SelectMany(row => row!.AsArray()) ?? [];
        if (buttons.Any(b => b?["callback_data"]?.GetValue<string>() is { } data && Encoding.UTF8.GetByteCount(data) is < 1 or > 64))
        {
            return "Bad Request: BUTTON_DATA_INVALID";
        }

        if (call.Method == "answerCallbackQuery")
        {
            // https://core.telegram.org/bots/api#answercallbackquery: answer soon; Telegram refuses a query answered
            // after about 15 s (or twice, or never sent) with this description.
            lock (_gate)
            {
                var id = call.Text("callback_query_id") ?? "";
                if (!_callbackQueries.Remove(id, out var sentAt) || Clock.GetUtcNow() - sentAt > CallbackAnswerWindow)
                {
                    return "Bad Request: query is too old and response timeout expired or query ID is invalid";
                }
            }
        }

        return null;
    }

    private static readonly TimeSpan CallbackAnswerWindow = TimeSpan.FromSeconds(15);

    /// <summary>Calls that put a message on screen (new or edited); only these spend the flood budgets.</summary>
    private static readonly HashSet<string> SendingMethods = new(StringComparer.Ordinal)
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendAudio", "sendVideo", "sendAnimation", "sendVoice", "sendMediaGroup",
        "sendSticker", "copyMessage", "forwardMessage", "editMessageText", "editMessageCaption", "editMessageMedia", "editMessageReplyMarkup",
    };

    /// <summary>
    /// How long this send must wait under <see cref="FloodLimits"/> (measured on <see cref="Clock"/>), or null when it may go:
    /// then it counts against the budgets. Telegram Bot FAQ, "My bot is hitting limits, how do I avoid this?"
    /// (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this): about one message per second in a
    /// chat, at most 20 messages per minute in a group, about 30 messages per second in all.
    /// </summary>
    private TimeSpan? FloodWait(TelegramApiCall call)
    {
        if (FloodLimits is not { } limits || !long.TryParse(call.Text("chat_id"), System.Globalization.CultureInfo.InvariantCulture, out var chat))
        {
            return null;
        }

        lock (_gate)
        {
            var now = Clock.GetUtcNow();
            var minute = TimeSpan.FromMinutes(1);
            var second = TimeSpan.FromSeconds(1);
            _sent.RemoveAll(at => now - at >= second);
            var inChat = _sentByChat.TryGetValue(chat, out var list) ? list : _sentByChat[chat] = [];
            inChat.RemoveAll(at => now - at >= minute);

            var waits = new List<TimeSpan>();
            if (inChat.Count > 0 && now - inChat[^1] < limits.PerChatInterval)
            {
                waits.Add(inChat[^1] + limits.PerChatInterval - now);
            }

            // Group and supergroup ids are negative (https://core.telegram.org/bots/api#chat).
            if (chat < 0 && inChat.Count >= limits.GroupMessagesPerMinute)
            {
                waits.Add(inChat[^limits.GroupMessagesPerMinute] + minute - now);
            }

            if (_sent.Count >= limits.MessagesPerSecond)
            {
                waits.Add(_sent[^limits.MessagesPerSecond] + second - now);
            }

            if (waits.Count > 0)
            {
                return waits.Max();
            }

            inChat.Add(now);
            _sent.Add(now);
            return null;
        }
    }

    /// <summary>Gives back the budget of a send that was refused after all (an edit that changed nothing).</summary>
    private void Unsend(TelegramApiCall call)
    {
        if (FloodLimits is null || !long.TryParse(call.Text("chat_id"), System.Globalization.CultureInfo.InvariantCulture, out var chat))
        {
            return;
        }

        lock (_gate)
        {
            if (_sentByChat.TryGetValue(chat, out var inChat) && inChat.Count > 0)
            {
                inChat.RemoveAt(inChat.Count - 1);
            }

            if (_sent.Count > 0)
            {
                _sent.RemoveAt(_sent.Count - 1);
            }
        }
    }

    /// <summary>Records what a message now shows; false for an edit identical to what it already showed.</summary>
    private bool TryShow(TelegramApiCall call, int messageId)
    {
        var chat = long.Parse(call.Text("chat_id")!, System.Globalization.CultureInfo.InvariantCulture);
        var shows = call.Method == "editMessageMedia"
            ? Guid.NewGuid().ToString() // a new upload always changes the media
            : $"{call.Text("text") ?? call.Text("caption")}\u0000{call.Json("reply_markup")?.ToJsonString()}";
        lock (_gate)
        {
            if (call.Method.StartsWith("edit", StringComparison.Ordinal) && _shown.TryGetValue((chat, messageId), out var before) && before == shows)
            {
                return false;
            }

            _shown[(chat, messageId)] = shows;
            return true;
        }
    }

    private async Task RefuseAsync(HttpContext http, TelegramApiCall call, int code, string description)
    {
        Record(call with { FailedWith = code, FailedDescription = description });
        await WriteAsync(http, code, new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description });
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
        // https://core.telegram.org/bots/api#getupdates: limit "1-100 are accepted. Defaults to 100".
        var limit = int.TryParse(Text(fields, "limit"), out var l) ? Math.Clamp(l, 1, 100) : 100;
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
                    return new JsonArray([.. _updates.Take(limit).Select(u => u.DeepClone())]);
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
            _calls.Add(call with { At = Clock.GetUtcNow() });
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
