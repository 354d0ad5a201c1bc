using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A message Discord returns after a create or edit, or the one a pressed button sits on (partial).</summary>
public sealed record MessageDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("channel_id")] string? ChannelId = null,
    [property: JsonPropertyName("content")] string? Content = null,
    [property: JsonPropertyName("flags")] MessageFlags? Flags = null,
    [property: JsonPropertyName("interaction_metadata")] MessageInteractionMetadataDto? InteractionMetadata = null);
