using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>An embed's footer line.</summary>
public sealed record EmbedFooterDto([property: JsonPropertyName("text")] string Text);
