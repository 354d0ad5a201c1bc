using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The command (or component) an interaction is about, with its options and resolved objects.</summary>
public sealed record InteractionDataDto(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("options")] IReadOnlyList<InteractionOptionDto>? Options = null,
    [property: JsonPropertyName("resolved")] ResolvedDataDto? Resolved = null,
    [property: JsonPropertyName("custom_id")] string? CustomId = null,
    [property: JsonPropertyName("component_type")] int? ComponentType = null);
