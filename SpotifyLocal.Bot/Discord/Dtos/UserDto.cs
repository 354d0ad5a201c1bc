using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A Discord user (partial: what the bot reads).</summary>
public sealed record UserDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("global_name")] string? GlobalName = null,
    [property: JsonPropertyName("bot")] bool? Bot = null)
{
    /// <summary>The name to show: the display name when set, else the username.</summary>
    [JsonIgnore]
    public string DisplayName => string.IsNullOrEmpty(GlobalName) ? Username : GlobalName;
}
