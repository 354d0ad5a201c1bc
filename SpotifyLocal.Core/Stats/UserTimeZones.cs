namespace SpotifyLocal.Core.Stats;

/// <summary>Resolves a user's stored IANA time zone id, falling back to UTC when it is missing or unknown.</summary>
public static class UserTimeZones
{
    /// <summary>The zone for the IANA id, or <see cref="TimeZoneInfo.Utc"/> when the id is empty or unknown on this machine.</summary>
    public static TimeZoneInfo FindOrUtc(string? ianaId) =>
        TryFind(ianaId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>Looks up an IANA id (e.g. <c>Europe/Berlin</c>); false when it is empty or unknown.</summary>
    public static bool TryFind(string? ianaId, out TimeZoneInfo zone)
    {
        zone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(ianaId))
        {
            return false;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(ianaId.Trim(), out zone!);
    }

    /// <summary>
    /// Validates what a user typed as a time zone and returns its IANA id (a Windows id is converted);
    /// throws a <see cref="UserFacingException"/> naming examples when it is not a zone.
    /// </summary>
    public static string RequireIanaId(string timeZoneId)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId.Trim(), out var zone))
        {
            throw new UserFacingException($"\"{timeZoneId}\" is not a time zone I know. Use an IANA name such as Europe/Berlin, America/New_York or Asia/Tokyo.");
        }

        if (zone.HasIanaId)
        {
            return zone.Id;
        }

        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var converted)
            ? converted
            : throw new UserFacingException($"\"{timeZoneId}\" is not an IANA time zone. Use a name such as Europe/Berlin.");
    }
}
