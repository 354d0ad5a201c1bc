using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>One typed option of a slash command (a SUB_COMMAND option carries its own <see cref="Options"/>).</summary>
public sealed record ApplicationCommandOptionDto(
    [property: JsonPropertyName("type")] ApplicationCommandOptionType Type,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("required")] bool? Required = null,
    [property: JsonPropertyName("choices")] IReadOnlyList<ApplicationCommandChoiceDto>? Choices = null,
    [property: JsonPropertyName("channel_types")] IReadOnlyList<int>? ChannelTypes = null,
    [property: JsonPropertyName("options")] IReadOnlyList<ApplicationCommandOptionDto>? Options = null);
