using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>
/// The data of an APPLICATION_COMMAND interaction: the command (its snowflake <c>id</c> is a string), the options the
/// user filled in and the objects they refer to (developers/interactions/receiving-and-responding.mdx,
/// "Application Command Data Structure").
/// </summary>
public sealed record ApplicationCommandDataDto(
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("id")] string? Id = null,
    [property: JsonPropertyName("type")] int? Type = null,
    [property: JsonPropertyName("options")] IReadOnlyList<InteractionOptionDto>? Options = null,
    [property: JsonPropertyName("resolved")] ResolvedDataDto? Resolved = null);
