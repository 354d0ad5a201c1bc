using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpotifyLocal.Core.Import;

/// <summary>Reads <c>ts</c> with <see cref="ExtendedHistoryTime"/>, so the reader and the validating pre-pass agree.</summary>
internal sealed class ExtendedHistoryTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ExtendedHistoryTime.TryRead(ref reader, out var at) ? at : throw new JsonException("\"ts\" is not a time.");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime);
}
