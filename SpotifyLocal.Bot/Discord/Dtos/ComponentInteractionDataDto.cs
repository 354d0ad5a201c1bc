using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>
/// The data of a MESSAGE_COMPONENT interaction (a button press). Unlike a command's, its <c>id</c> is the component's
/// integer id, e.g. <c>{"component_type": 2, "id": 2, "custom_id": …}</c> (developers/components/reference.mdx).
/// </summary>
public sealed record ComponentInteractionDataDto(
    [property: JsonPropertyName("custom_id")] string? CustomId = null,
    [property: JsonPropertyName("component_type")] int? ComponentType = null,
    [property: JsonPropertyName("id")] int? Id = null);
