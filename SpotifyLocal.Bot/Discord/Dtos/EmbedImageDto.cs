using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>An embed's image: an https URL or <c>attachment://file.png</c>.</summary>
public sealed record EmbedImageDto([property: JsonPropertyName("url")] string Url);
