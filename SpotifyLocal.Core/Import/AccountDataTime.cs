using System.Globalization;

namespace SpotifyLocal.Core.Import;

/// <summary>The account-data export's <c>endTime</c>: <c>yyyy-MM-dd HH:mm</c>, UTC, minute precision.</summary>
internal static class AccountDataTime
{
    private const string Format = "yyyy-MM-dd HH:mm";

    public static bool TryParse(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(
            text,
            Format,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out at);
}
