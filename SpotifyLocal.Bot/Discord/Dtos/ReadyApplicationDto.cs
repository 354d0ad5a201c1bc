using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The partial application object inside READY.</summary>
public sealed record ReadyApplicationDto([property: JsonPropertyName("id")] string Id);
