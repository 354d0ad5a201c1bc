using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>
/// The data of an INTERACTION_CREATE dispatch. In a server the invoker is <see cref="Member"/>.User, in a DM it is
/// <see cref="User"/>; <see cref="Invoker"/> picks the right one. <c>data</c> has a different shape per interaction
/// type (a command's <c>id</c> is a snowflake string, a component's an integer), so it is read per type after the rest:
/// <see cref="Data"/> for commands, <see cref="Component"/> for button presses; whichever does not apply, or cannot be
/// read, is null.
/// </summary>
public sealed record InteractionDto(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("application_id")] string ApplicationId,
    [property: JsonPropertyName("type")] InteractionType Type,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("guild_id")] string? GuildId = null,
    [property: JsonPropertyName("channel_id")] string? ChannelId = null,
    [property: JsonPropertyName("member")] MemberDto? Member = null,
    [property: JsonPropertyName("user")] UserDto? User = null,
    [property: JsonPropertyName("app_permissions")] string? AppPermissions = null,
    [property: JsonPropertyName("attachment_size_limit")] long? AttachmentSizeLimit = null,
    [property: JsonPropertyName("locale")] string? Locale = null,
    [property: JsonPropertyName("message")] MessageDto? Message = null) : IJsonOnDeserialized
{
    /// <summary>The <c>data</c> object as it came; read through <see cref="Data"/> or <see cref="Component"/>.</summary>
    [JsonPropertyName("data")]
    public JsonElement? RawData { get; init; }

    /// <summary>The command and its options, for APPLICATION_COMMAND (and autocomplete) interactions.</summary>
    [JsonIgnore]
    public ApplicationCommandDataDto? Data { get; private set; }

    /// <summary>The pressed component, for MESSAGE_COMPONENT interactions.</summary>
    [JsonIgnore]
    public ComponentInteractionDataDto? Component { get; private set; }

    /// <summary>The person who ran the command, in a server or in a DM.</summary>
    [JsonIgnore]
    public UserDto? Invoker => Member?.User ?? User;

    void IJsonOnDeserialized.OnDeserialized()
    {
        if (RawData is not { ValueKind: JsonValueKind.Object } data)
        {
            return;
        }

        try
        {
            switch (Type)
            {
                case InteractionType.ApplicationCommand or InteractionType.ApplicationCommandAutocomplete:
                    Data = data.Deserialize(DiscordJsonContext.Default.ApplicationCommandDataDto);
                    break;
                case InteractionType.MessageComponent:
                    Component = data.Deserialize(DiscordJsonContext.Default.ComponentInteractionDataDto);
                    break;
            }
        }
        catch (JsonException)
        {
            // A data shape we do not know: the adapter answers "unsupported" instead of losing the interaction.
        }
    }

    /// <summary>The interaction token grants a webhook for 15 minutes: keep it out of logs and ToString.</summary>
    public override string ToString() => $"InteractionDto {{ Id = {Id}, Type = {Type}, Command = {Data?.Name} }}";
}
