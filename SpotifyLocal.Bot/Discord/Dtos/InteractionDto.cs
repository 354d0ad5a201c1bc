using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>
/// The data of an INTERACTION_CREATE dispatch. In a server the invoker is <see cref="Member"/>.User, in a DM it is
/// <see cref="User"/>; <see cref="Invoker"/> picks the right one.
/// </summary>
public sealed record InteractionDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("application_id")] string ApplicationId,
    [property: JsonPropertyName("type")] InteractionType Type,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("data")] InteractionDataDto? Data = null,
    [property: JsonPropertyName("guild_id")] string? GuildId = null,
    [property: JsonPropertyName("channel_id")] string? ChannelId = null,
    [property: JsonPropertyName("member")] MemberDto? Member = null,
    [property: JsonPropertyName("user")] UserDto? User = null,
    [property: JsonPropertyName("app_permissions")] string? AppPermissions = null,
    [property: JsonPropertyName("attachment_size_limit")] long? AttachmentSizeLimit = null,
    [property: JsonPropertyName("locale")] string? Locale = null,
    [property: JsonPropertyName("message")] MessageDto? Message = null)
{
    /// <summary>The person who ran the command, in a server or in a DM.</summary>
    [JsonIgnore]
    public UserDto? Invoker => Member?.User ?? User;

    /// <summary>The interaction token grants a webhook for 15 minutes: keep it out of logs and ToString.</summary>
    public override string ToString() => $"InteractionDto {{ Id = {Id}, Type = {Type}, Command = {Data?.Name} }}";
}
