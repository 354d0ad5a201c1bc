using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A slash command as registered with <c>PUT /applications/{id}/commands</c>.</summary>
public sealed record ApplicationCommandDto(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("options")] IReadOnlyList<ApplicationCommandOptionDto>? Options = null,
    [property: JsonPropertyName("contexts")] IReadOnlyList<int>? Contexts = null,
    [property: JsonPropertyName("integration_types")] IReadOnlyList<int>? IntegrationTypes = null,
    [property: JsonPropertyName("type")] int Type = 1,
    [property: JsonPropertyName("id")] string? Id = null);
