using System.Text.Json.Nodes;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>Builds Bot API update JSON (without update_id, which the fake assigns) as Telegram sends it.</summary>
public static class TelegramUpdates
{
    public const long UserId = 4242;
    private const long Date = 1_767_225_600;

    public static JsonObject Text(string text, long userId = UserId, long? chatId = null, string chatType = "private") =>
        new() { ["message"] = Message(userId, chatId ?? userId, chatType, text) };

    /// <summary>A document message; <paramref name="fileSize"/> null leaves file_size out, as Telegram may (https://core.telegram.org/bots/api#document: "Optional").</summary>
    public static JsonObject Document(string fileId, string fileName, long? fileSize, string? caption = null, long userId = UserId)
    {
        var message = Message(userId, userId, "private", text: null);
        message["document"] = new JsonObject
        {
            ["file_id"] = fileId,
            ["file_unique_id"] = "u" + fileId,
            ["file_name"] = fileName,
            ["mime_type"] = fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? "application/json" : "application/zip",
        };
        if (fileSize is not null)
        {
            message["document"]!["file_size"] = fileSize;
        }

        if (caption is not null)
        {
            message["caption"] = caption;
        }

        return new JsonObject { ["message"] = message };
    }

    /// <summary>A button press under message <paramref name="messageId"/> (a photo message when <paramref name="onPhoto"/>).</summary>
    public static JsonObject Callback(string queryId, int messageId, string data, bool onPhoto = false, long userId = UserId)
    {
        var message = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = Date,
            ["chat"] = new JsonObject { ["id"] = userId, ["type"] = "private", ["first_name"] = "Ada" },
            ["from"] = new JsonObject { ["id"] = FakeBotId, ["is_bot"] = true, ["first_name"] = "SpotifyLocal" },
        };
        if (onPhoto)
        {
            message["photo"] = new JsonArray(new JsonObject { ["file_id"] = "p", ["file_unique_id"] = "p", ["width"] = 800, ["height"] = 600 });
            message["caption"] = "chart";
        }
        else
        {
            message["text"] = "earlier reply";
        }

        return new JsonObject
        {
            ["callback_query"] = new JsonObject
            {
                ["id"] = queryId,
                ["from"] = User(userId),
                ["message"] = message,
                ["chat_instance"] = "-1",
                ["data"] = data,
            },
        };
    }

    private const long FakeBotId = 123456;

    private static JsonObject Message(long userId, long chatId, string chatType, string? text)
    {
        var chat = new JsonObject { ["id"] = chatId, ["type"] = chatType };
        if (chatType == "private")
        {
            chat["first_name"] = "Ada";
        }
        else
        {
            chat["title"] = "Music friends";
        }

        var message = new JsonObject
        {
            ["message_id"] = Random.Shared.Next(1, 999),
            ["date"] = Date,
            ["chat"] = chat,
            ["from"] = User(userId),
        };
        if (text is not null)
        {
            message["text"] = text;
            if (text.StartsWith('/'))
            {
                var length = text.IndexOf(' ') is var space and >= 0 ? space : text.Length;
                message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = length, ["type"] = "bot_command" });
            }
        }

        return message;
    }

    private static JsonObject User(long userId) =>
        new() { ["id"] = userId, ["is_bot"] = false, ["first_name"] = "Ada", ["username"] = "ada" + userId };
}
