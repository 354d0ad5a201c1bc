using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A channel as Discord returns it (only what the bot reads: its id and type, 1 = DM).</summary>
public sealed record ChannelDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("type")] int Type);
