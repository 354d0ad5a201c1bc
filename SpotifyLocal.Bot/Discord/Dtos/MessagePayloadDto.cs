using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>
/// A message to create or edit (interaction callback data, webhook edit/followup, channel post). With files, this is
/// the <c>payload_json</c> part and <see cref="Attachments"/> names them (<c>id</c> = the <c>files[n]</c> index). A channel
/// post with <see cref="Nonce"/> (≤ 25 characters) and <see cref="EnforceNonce"/> returns the earlier message instead
/// of creating a second one when the same nonce was used by the bot in the past few minutes.
/// </summary>
public sealed record MessagePayloadDto(
    [property: JsonPropertyName("content")] string? Content = null,
    [property: JsonPropertyName("embeds")] IReadOnlyList<EmbedDto>? Embeds = null,
    [property: JsonPropertyName("flags")] MessageFlags? Flags = null,
    [property: JsonPropertyName("attachments")] IReadOnlyList<AttachmentReferenceDto>? Attachments = null,
    [property: JsonPropertyName("components")] IReadOnlyList<ComponentDto>? Components = null,
    [property: JsonPropertyName("allowed_mentions")] AllowedMentionsDto? AllowedMentions = null,
    [property: JsonPropertyName("nonce")] string? Nonce = null,
    [property: JsonPropertyName("enforce_nonce")] bool? EnforceNonce = null);
