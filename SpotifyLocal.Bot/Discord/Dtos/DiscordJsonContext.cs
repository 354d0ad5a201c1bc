using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>Source-generated System.Text.Json metadata for every Discord wire shape (nulls are left out when writing).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GatewayPayloadDto))]
[JsonSerializable(typeof(HelloDto))]
[JsonSerializable(typeof(ReadyDto))]
[JsonSerializable(typeof(IdentifyDto))]
[JsonSerializable(typeof(ResumeDto))]
[JsonSerializable(typeof(GatewayBotDto))]
[JsonSerializable(typeof(InteractionDto))]
[JsonSerializable(typeof(ApplicationCommandDataDto))]
[JsonSerializable(typeof(ComponentInteractionDataDto))]
[JsonSerializable(typeof(IReadOnlyList<ApplicationCommandDto>))]
[JsonSerializable(typeof(InteractionResponseDto))]
[JsonSerializable(typeof(MessagePayloadDto))]
[JsonSerializable(typeof(MessageDto))]
[JsonSerializable(typeof(RateLimitedDto))]
[JsonSerializable(typeof(ApiErrorDto))]
[JsonSerializable(typeof(ChannelDto))]
[JsonSerializable(typeof(CreateDmDto))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class DiscordJsonContext : JsonSerializerContext;
