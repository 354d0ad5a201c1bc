using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>One gateway frame in either direction: opcode, data, and for dispatches the sequence number and event name.</summary>
public sealed record GatewayPayloadDto(
    [property: JsonPropertyName("op")] int Op,
    [property: JsonPropertyName("d")] JsonElement? D,
    [property: JsonPropertyName("s")] int? S = null,
    [property: JsonPropertyName("t")] string? T = null);
