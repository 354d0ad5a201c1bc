using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Import;

/// <summary>Source-generated (de)serialization of the Spotify export's JSON rows.</summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    NumberHandling = JsonNumberHandling.Strict,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExtendedStreamDto))]
[JsonSerializable(typeof(AccountDataStreamDto))]
internal sealed partial class ExportJsonContext : JsonSerializerContext;
