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
}
