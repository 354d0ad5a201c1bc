using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Cli;

/// <summary>The <c>top --json</c> document.</summary>
internal sealed record TopVerbOutput(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("period")] TopVerbPeriod Period,
    [property: JsonPropertyName("items")] IReadOnlyList<TopVerbItem> Items);

/// <summary>The period of a <c>top --json</c> document: label, UTC bounds [from, to) and the zone they were computed in.</summary>
internal sealed record TopVerbPeriod(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("from")] DateTimeOffset From,
    [property: JsonPropertyName("to")] DateTimeOffset To,
    [property: JsonPropertyName("timeZone")] string TimeZone);

/// <summary>One ranked row of a <c>top --json</c> document.</summary>
internal sealed record TopVerbItem(
    [property: JsonPropertyName("rank")] int Rank,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("artist")] string? Artist,
    [property: JsonPropertyName("plays")] int Plays,
    [property: JsonPropertyName("msPlayed")] long MsPlayed,
    [property: JsonPropertyName("firstPlayedAt")] DateTimeOffset FirstPlayedAt,
    [property: JsonPropertyName("lastPlayedAt")] DateTimeOffset LastPlayedAt,
    [property: JsonPropertyName("key")] string Key);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(TopVerbOutput))]
internal sealed partial class TopVerbJsonContext : JsonSerializerContext;
