using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>
/// The JSON error body Discord sends with 4xx answers; for 50035 Invalid Form Body <see cref="Errors"/> names the
/// fields and the rules they broke (developers/reference.mdx, "Error Messages").
/// </summary>
public sealed record ApiErrorDto(
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("errors")] JsonElement? Errors = null);
