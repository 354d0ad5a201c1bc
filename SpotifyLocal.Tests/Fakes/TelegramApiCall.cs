using System.Text.Json.Nodes;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>One request the fake Bot API received: the method, its parameters (JSON body or form fields) and uploaded files.</summary>
public sealed record TelegramApiCall(string Method, JsonObject Fields, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>The fake answered with an injected error.</summary>
    public int? FailedWith { get; init; }

    /// <summary>The description of the error the fake answered with.</summary>
    public string? FailedDescription { get; init; }

    /// <summary>When the call arrived, on the fake's <see cref="FakeTelegramBotApi.Clock"/>.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The <c>parameters.retry_after</c> the fake answered a 429 with, in seconds.</summary>
    public int? RetryAfter { get; init; }

    /// <summary>The message_id of the message this call created or edited, when it answered with one.</summary>
    public int? ResultMessageId { get; init; }

    /// <summary>A parameter as text (numbers and booleans as their JSON text).</summary>
    public string? Text(string name) => Fields[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        var node => node.ToJsonString(),
    };

    /// <summary>A parameter as JSON (multipart requests send objects as JSON strings).</summary>
    public JsonNode? Json(string name) => Fields[name] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('{') => JsonNode.Parse(text),
        JsonValue value when value.TryGetValue<string>(out var text) && text.TrimStart().StartsWith('[') => JsonNode.Parse(text),
        var node => node,
    };

    /// <summary>callback_data of every inline button, row by row.</summary>
    public IReadOnlyList<string> CallbackData() =>
        Json("reply_markup")?["inline_keyboard"]?.AsArray()
            .SelectMany(row => row!.AsArray())
            .Select(button => button?["callback_data"]?.GetValue<string>())
            .OfType<string>()
            .ToList() ?? [];

    /// <summary>The uploaded photo: the part that <c>photo</c> (or an InputMedia's <c>media</c>) names as <c>attach://name</c>, or a part called <c>photo</c>.</summary>
    public byte[]? Photo()
    {
        var reference = Text("photo") ?? Json("media")?["media"]?.GetValue<string>();
        if (reference is not null && reference.StartsWith("attach://", StringComparison.Ordinal) && Files.TryGetValue(reference["attach://".Length..], out var attached))
        {
            return attached;
        }

        return Files.TryGetValue("photo", out var photo) ? photo : null;
    }

    /// <summary>The caption of a sendPhoto, or of the InputMedia in an editMessageMedia.</summary>
    public string? Caption() => Text("caption") ?? Json("media")?["caption"]?.GetValue<string>();
}
