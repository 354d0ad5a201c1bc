using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>Which mentions in a message may ping; <see cref="None"/> pings nobody.</summary>
public sealed record AllowedMentionsDto([property: JsonPropertyName("parse")] IReadOnlyList<string> Parse)
{
    /// <summary>No @everyone, role or user pings from bot replies.</summary>
    public static AllowedMentionsDto None { get; } = new([]);
}
