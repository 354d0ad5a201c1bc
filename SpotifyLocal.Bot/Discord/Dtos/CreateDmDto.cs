using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>The body of <c>POST /users/@me/channels</c>: open a DM with one user.</summary>
public sealed record CreateDmDto([property: JsonPropertyName("recipient_id")] string RecipientId);
