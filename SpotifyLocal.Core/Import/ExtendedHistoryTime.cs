using System.Text.Json;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// The extended history's <c>ts</c>: ISO 8601 in UTC (<c>2025-10-22T23:00:36Z</c>). A value without an offset is
/// UTC too, never the server's local time (System.Text.Json would read it as local).
/// </summary>
internal static class ExtendedHistoryTime
{
    public static bool TryRead(ref Utf8JsonReader reader, out DateTimeOffset at)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out at))
        {
            at = default;
            return false;
        }

        if (!HasOffset(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan))
        {
            // Parsed as a local time: keep the clock reading, declare it UTC.
            at = new DateTimeOffset(at.DateTime, TimeSpan.Zero);
        }

        at = at.ToUniversalTime();
        return true;
    }

    // After the date part (yyyy-MM-dd), a 'Z' or a '+'/'-' can only be the offset.
    private static bool HasOffset(ReadOnlySpan<byte> text) =>
        text.Length > 10 && (text[^1] is (byte)'Z' or (byte)'z' || text[10..].IndexOfAny("+-"u8) >= 0);
}
