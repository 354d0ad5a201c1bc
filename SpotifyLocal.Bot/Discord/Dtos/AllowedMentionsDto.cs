using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>Which mentions in a message may ping; <see cref="None"/> pings nobody.</summary>
public sealed record AllowedMentionsDto(
    [property: JsonPropertyName("parse")] IReadOnlyList<string> Parse,
    [property: JsonPropertyName("users")] IReadOnlyList<string>? Users = null)
{
    /// <summary>No @everyone, role or user pings from bot replies.</summary>
    public static AllowedMentionsDto None { get; } = new([]);

    /// <summary>Only <paramref name="userId"/> may be pinged (an answer delivered outside its interaction).</summary>
    public static AllowedMentionsDto OnlyUser(string userId) => new([], [userId]);
}
