using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>Objects referenced by id from the options, keyed by that id.</summary>
public sealed record ResolvedDataDto(
    [property: JsonPropertyName("attachments")] IReadOnlyDictionary<string, AttachmentDto>? Attachments = null,
    [property: JsonPropertyName("users")] IReadOnlyDictionary<string, UserDto>? Users = null,
    [property: JsonPropertyName("members")] IReadOnlyDictionary<string, MemberDto>? Members = null);
