using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>Source-generated System.Text.Json metadata for every Spotify wire shape.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpotifyTokenDto))]
[JsonSerializable(typeof(SpotifyTokenErrorDto))]
[JsonSerializable(typeof(SpotifyErrorDto))]
[JsonSerializable(typeof(SpotifyProfileDto))]
[JsonSerializable(typeof(RecentlyPlayedDto))]
[JsonSerializable(typeof(PlayHistoryDto))]
public sealed partial class SpotifyJsonContext : JsonSerializerContext;
