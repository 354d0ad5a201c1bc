using System.Text.Json.Serialization;

namespace SpotifyLocal.Bot.Cli;

/// <summary>The <c>skips --json</c> document: counts over the period, the rate (null without skip data) and both lists.</summary>
internal sealed record SkipsVerbOutput(
    [property: JsonPropertyName("user")] string User,
    [property: JsonPropertyName("period")] TopVerbPeriod Period,
    [property: JsonPropertyName("plays")] long Plays,
    [property: JsonPropertyName("playsWithSkipData")] int PlaysWithSkipData,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("skipRate")] double? SkipRate,
    [property: JsonPropertyName("minArtistPlays")] int MinArtistPlays,
    [property: JsonPropertyName("tracks")] IReadOnlyList<SkipsVerbRow> Tracks,
    [property: JsonPropertyName("artists")] IReadOnlyList<SkipsVerbRow> Artists);

/// <summary>A track or artist of a <c>skips --json</c> document: plays with skip data, skips and their ratio.</summary>
internal sealed record SkipsVerbRow(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("artist")] string? Artist,
    [property: JsonPropertyName("plays")] int Plays,
    [property: JsonPropertyName("skipped")] int Skipped,
    [property: JsonPropertyName("rate")] double Rate,
    [property: JsonPropertyName("key")] string Key);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SkipsVerbOutput))]
internal sealed partial class SkipsVerbJsonContext : JsonSerializerContext;
