using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>One option the user filled in. <see cref="Value"/> is a string, number or boolean depending on the type;
/// for USER and ATTACHMENT options it is the id to look up in <see cref="ApplicationCommandDataDto.Resolved"/>.</summary>
public sealed record InteractionOptionDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] ApplicationCommandOptionType Type,
    [property: JsonPropertyName("value")] JsonElement? Value = null,
    [property: JsonPropertyName("options")] IReadOnlyList<InteractionOptionDto>? Options = null)
{
    /// <summary>The value as text (strings as they are, numbers and snowflakes in their JSON form).</summary>
    [JsonIgnore]
    public string? Text => Value switch
    {
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Null } or null => null,
        { } v => v.GetRawText(),
    };
}
