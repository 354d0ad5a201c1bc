using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A server member; in an interaction it carries the invoker's permissions as a decimal bit-set string.</summary>
public sealed record MemberDto(
    [property: JsonPropertyName("user")] UserDto? User = null,
    [property: JsonPropertyName("nick")] string? Nick = null,
    [property: JsonPropertyName("permissions")] string? Permissions = null);
