using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>Names an uploaded file in a multipart message: <see cref="Id"/> is the index n of the <c>files[n]</c> part.</summary>
public sealed record AttachmentReferenceDto(
    [property: JsonPropertyName("id")] int Id,
    [property: JsonPropertyName("filename")] string FileName,
    [property: JsonPropertyName("description")] string? Description = null);
