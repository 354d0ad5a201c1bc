using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A rich embed. An uploaded image is shown with <c>Image = new("attachment://name.png")</c>.</summary>
public sealed record EmbedDto(
    [property: JsonPropertyName("title")] string? Title = null,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("color")] int? Color = null,
    [property: JsonPropertyName("image")] EmbedImageDto? Image = null,
    [property: JsonPropertyName("fields")] IReadOnlyList<EmbedFieldDto>? Fields = null,
    [property: JsonPropertyName("footer")] EmbedFooterDto? Footer = null);
