using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SpotifyLocal.Benchmarks;

/// <summary>
/// The least of the Telegram Bot API the bot needs to answer one command, on Kestrel at 127.0.0.1 (free port), in the real
/// wire format (<c>{"ok":true,"result":…}</c>): getMe, getUpdates as a long poll, sendPhoto/sendMessage and edits answered
/// with a message, everything else (setMyCommands, deleteWebhook, answerCallbackQuery, …) with <c>true</c>. It notes when
/// each sendPhoto has fully arrived (PNG included), which is where the end-to-end time stops. Unlike the tests' fake it
/// checks none of Telegram's rules: the benchmark measures a well-behaved round, the tests prove the rules.
/// </summary>
internal sealed class LoopbackTelegramBotApi : IAsyncDisposable
{
    public const string Token = "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11";

    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _updates = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<long> _photo = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 1;
    private int _nextMessageId = 1000;
    private int _waitingPolls;

    private LoopbackTelegramBotApi(WebApplication app) => _app = app;

    /// <summary><c>http://127.0.0.1:PORT</c>, for <c>Telegram:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    public static async Task<LoopbackTelegramBotApi> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new LoopbackTelegramBotApi(app);
        app.Map("/bot{token}/{method}", api.HandleAsync);
        await app.StartAsync(cancellationToken);
        api.BaseUrl = app.Urls.First().TrimEnd('/');
        return api;
    }

    /// <summary>
    /// Waits until a getUpdates long poll of the bot is waiting (it has confirmed every update so far, or it would have
    /// got one back), so the next update is handed over at once: the bot is idle, as a user's message would find it.
    /// </summary>
    public async Task WaitUntilPollingAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_waitingPolls > 0)
                {
                    return;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Queues a text message from <paramref name="userId"/> in a private chat and returns a task that ends with the
    /// <see cref="Stopwatch"/> timestamp at which the next sendPhoto has fully arrived.
    /// </summary>
    public Task<long> SendTextAsync(long userId, string text)
    {
        lock (_gate)
        {
            _photo = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            var commandLength = text.IndexOf(' ') is var space and >= 0 ? space : text.Length;
            _updates.Add(new JsonObject
            {
                ["update_id"] = _nextUpdateId++,
                ["message"] = new JsonObject
                {
                    ["message_id"] = Interlocked.Increment(ref _nextMessageId),
                    ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                    ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Ada" },
                    ["from"] = new JsonObject { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Ada", ["username"] = "ada" },
                    ["text"] = text,
                    ["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = commandLength, ["type"] = "bot_command" }),
                },
            });
            Signal();
            return _photo.Task;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext http, string token, string method)
    {
        if (token != Token)
        {
            await WriteAsync(http, 401, new JsonObject { ["ok"] = false, ["error_code"] = 401, ["description"] = "Unauthorized" });
            return;
        }

        var fields = await ReadFieldsAsync(http.Request);
        JsonNode result;
        switch (method)
        {
            case "getMe":
                result = new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "SpotifyLocal", ["username"] = "SpotifyLocalBenchBot" };
                break;
            case "getUpdates":
                result = await NextUpdatesAsync(fields, http.RequestAborted);
                break;
            case "sendPhoto" or "sendMessage" or "editMessageText" or "editMessageMedia" or "editMessageCaption":
                if (method == "sendPhoto")
                {
                    _photo.TrySetResult(Stopwatch.GetTimestamp());
                }

                result = Message(method, fields);
                break;
            default:
                result = true;
                break;
        }

        await WriteAsync(http, 200, new JsonObject { ["ok"] = true, ["result"] = result });
    }

    private async Task<JsonArray> NextUpdatesAsync(JsonObject fields, CancellationToken aborted)
    {
        var offset = int.TryParse(Field(fields, "offset"), out var o) ? o : 0;
        var timeout = int.TryParse(Field(fields, "timeout"), out var t) ? t : 0;
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        poll.CancelAfter(TimeSpan.FromSeconds(timeout));
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

                if (++_waitingPolls == 1)
                {
                    Signal();
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
            finally
            {
                lock (_gate)
                {
                    _waitingPolls--;
                }
            }
        }
    }

    private JsonObject Message(string method, JsonObject fields)
    {
        var chatId = long.Parse(Field(fields, "chat_id") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var message = new JsonObject
        {
            ["message_id"] = method.StartsWith("send", StringComparison.Ordinal) ? Interlocked.Increment(ref _nextMessageId) : int.Parse(Field(fields, "message_id") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
        };
        if (method is "sendPhoto" or "editMessageMedia" or "editMessageCaption")
        {
            message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "photo", ["file_unique_id"] = "p", ["width"] = 1200, ["height"] = 675 });
            message["caption"] = Field(fields, "caption") ?? "";
        }
        else
        {
            message["text"] = Field(fields, "text") ?? "";
        }

        return message;
    }

    /// <summary>Telegram.Bot sends JSON bodies, and multipart forms when a file goes along (sendPhoto); the form is read whole, PNG included.</summary>
    private static async Task<JsonObject> ReadFieldsAsync(HttpRequest request)
    {
        var fields = new JsonObject();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
            {
                fields[key] = value.ToString();
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

        return fields;
    }

    private static string? Field(JsonObject fields, string name) => fields[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };

    private static async Task WriteAsync(HttpContext http, int status, JsonObject body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), http.RequestAborted);
    }

    private void Signal()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }
}
