using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>A server the bot is in, as READY lists it (only the id; details would follow as GUILD_CREATE with intents).</summary>
public sealed record UnavailableGuildDto([property: JsonPropertyName("id")] string Id);
