using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// Reads recently-played's <c>items</c> one by one: an item that does not fit <see cref="PlayHistoryDto"/> becomes
/// null instead of failing the page, so one odd item costs only itself and not every poll after it.
/// </summary>
public sealed class LenientItemsConverter : JsonConverter<IReadOnlyList<PlayHistoryDto?>>
{
    public override IReadOnlyList<PlayHistoryDto?> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return [];
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("\"items\" is not an array.");
        }

        var items = new List<PlayHistoryDto?>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            using var element = JsonDocument.ParseValue(ref reader);
            items.Add(TryRead(element.RootElement));
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<PlayHistoryDto?> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, SpotifyJsonContext.Default.PlayHistoryDto);
        }

        writer.WriteEndArray();
    }

    private static PlayHistoryDto? TryRead(JsonElement element)
    {
        try
        {
            var item = element.Deserialize(SpotifyJsonContext.Default.PlayHistoryDto);
            // Null where the wire promises a value: unusable, like an item that failed to parse.
            return item?.Track is { } track && (track.Name is null || track.Artists is null) ? item with { Track = null } : item;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
