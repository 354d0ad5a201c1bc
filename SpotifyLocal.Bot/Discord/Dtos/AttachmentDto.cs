using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A file a user attached (resolved from an ATTACHMENT option). The URL is signed and expires.</summary>
public sealed record AttachmentDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("content_type")] string? ContentType = null);
