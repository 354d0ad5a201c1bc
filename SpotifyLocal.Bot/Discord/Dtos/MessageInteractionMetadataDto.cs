using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>On a message made by an interaction response: which interaction, and who ran it.</summary>
public sealed record MessageInteractionMetadataDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user")] UserDto User);
