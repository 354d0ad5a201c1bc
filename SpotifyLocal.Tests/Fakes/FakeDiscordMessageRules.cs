using System.Text.Json;
using System.Text.Json.Nodes;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// The limits Discord checks on a message body (create, edit, followup, callback data), answered like Discord: 400 with
/// code 50035 and an <c>errors</c> object naming the field. Each rule cites the page it comes from.
/// </summary>
internal static class FakeDiscordMessageRules
{
    /// <summary>The 50035 body for the first broken rule, or null when the message is acceptable.</summary>
    public static JsonObject? Check(JsonElement message, IReadOnlyList<FakeDiscordFile> files)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        // developers/resources/message.mdx, "Create Message": content up to 2000 characters.
        if (Text(message, "content") is { Length: > 2000 })
        {
            return Invalid("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");
        }

        if (CheckEmbeds(message) is { } embedError)
        {
            return embedError;
        }

        if (CheckComponents(message) is { } componentError)
        {
            return componentError;
        }

        return CheckAttachments(message, files);
    }

    // developers/resources/message.mdx, "Embed Limits": up to 10 embeds; title 256, description 4096, 25 fields with
    // name 256 and value 1024, footer text 2048, author name 256; all of them together at most 6000 characters.
    private static JsonObject? CheckEmbeds(JsonElement message)
    {
        if (!message.TryGetProperty("embeds", out var embeds) || embeds.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (embeds.GetArrayLength() > 10)
        {
            return Invalid("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.");
        }

        var total = 0;
        foreach (var embed in embeds.EnumerateArray())
        {
            var title = Text(embed, "title")?.Length ?? 0;
            var description = Text(embed, "description")?.Length ?? 0;
            var footer = embed.TryGetProperty("footer", out var f) ? Text(f, "text")?.Length ?? 0 : 0;
            var author = embed.TryGetProperty("author", out var a) ? Text(a, "name")?.Length ?? 0 : 0;
            if (title > 256 || description > 4096 || footer > 2048 || author > 256)
            {
                return Invalid("embeds", "BASE_TYPE_MAX_LENGTH", "Embed title, description, footer or author too long.");
            }

            total += title + description + footer + author;
            if (embed.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array)
            {
                if (fields.GetArrayLength() > 25)
                {
                    return Invalid("embeds", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer fields.");
                }

                foreach (var field in fields.EnumerateArray())
                {
                    var name = Text(field, "name")?.Length ?? 0;
                    var value = Text(field, "value")?.Length ?? 0;
                    if (name > 256 || value > 1024)
                    {
                        return Invalid("embeds", "BASE_TYPE_MAX_LENGTH", "Embed field name or value too long.");
                    }

                    total += name + value;
                }
            }
        }

        return total > 6000 ? Invalid("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000") : null;
    }

    // developers/components/reference.mdx: at most 5 action rows of at most 5 buttons; custom_id 1–100 characters and
    // unique within the message; a button label at most 80 characters.
    private static JsonObject? CheckComponents(JsonElement message)
    {
        if (!message.TryGetProperty("components", out var rows) || rows.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        if (rows.GetArrayLength() > 5)
        {
            return Invalid("components", "BASE_TYPE_MAX_LENGTH", "Must be 5 or fewer in length.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.EnumerateArray())
        {
            if (!row.TryGetProperty("components", out var buttons) || buttons.GetArrayLength() > 5)
            {
                return Invalid("components", "BASE_TYPE_BAD_LENGTH", "An action row holds 1 to 5 buttons.");
            }

            foreach (var button in buttons.EnumerateArray())
            {
                if (Text(button, "label") is { Length: > 80 })
                {
                    return Invalid("components", "BASE_TYPE_MAX_LENGTH", "Button label must be 80 or fewer in length.");
                }

                if (Text(button, "custom_id") is { } customId)
                {
                    if (customId.Length is 0 or > 100)
                    {
                        return Invalid("components", "BASE_TYPE_BAD_LENGTH", "custom_id must be between 1 and 100 in length.");
                    }

                    if (!seen.Add(customId))
                    {
                        return Invalid("components", "COMPONENT_CUSTOM_ID_DUPLICATED", "Component custom id cannot be duplicated");
                    }
                }
            }
        }

        return null;
    }

    // developers/reference.mdx, "Uploading Files": attachments[].id refers to files[n]; an embed shows an upload with
    // attachment://filename, which must be one of the uploaded files.
    private static JsonObject? CheckAttachments(JsonElement message, IReadOnlyList<FakeDiscordFile> files)
    {
        var uploaded = files.ToDictionary(f => f.PartName, f => f.FileName, StringComparer.Ordinal);
        var names = new HashSet<string>(files.Select(f => f.FileName), StringComparer.Ordinal);
        if (message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
        {
            foreach (var attachment in attachments.EnumerateArray())
            {
                var id = attachment.GetProperty("id").ToString();
                if (files.Count > 0 && !uploaded.ContainsKey($"files[{id}]"))
                {
                    return Invalid("attachments", "ATTACHMENT_NOT_FOUND", $"No file was uploaded as files[{id}].");
                }
            }
        }

        if (message.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array)
        {
            foreach (var embed in embeds.EnumerateArray())
            {
                if (embed.TryGetProperty("image", out var image) && Text(image, "url") is { } url
                    && url.StartsWith("attachment://", StringComparison.Ordinal) && !names.Contains(url["attachment://".Length..])
                    && files.Count > 0)
                {
                    return Invalid("embeds", "ATTACHMENT_NOT_FOUND", $"{url} names no uploaded file.");
                }
            }
        }

        return null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static JsonObject Invalid(string field, string code, string message) => new()
    {
        ["message"] = "Invalid Form Body",
        ["code"] = 50035,
        ["errors"] = new JsonObject
        {
            [field] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) },
        },
    };
}
