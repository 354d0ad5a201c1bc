namespace SpotifyLocal.Core.Storage;

/// <summary>
/// Plays that ended within one fixed UTC slot of <see cref="Size"/>. Every real time
/// zone offset is a multiple of 15 minutes, so the stats layer can fold these into local days and
/// hours of any zone without the database knowing about time zones. <see cref="SkipKnown"/> counts the plays
/// whose export said whether they were skipped (tracked plays never do), <see cref="Skipped"/> those skipped.
/// </summary>
public sealed record ListeningBucket(DateTimeOffset StartUtc, int Plays, long MsPlayed, int SkipKnown, int Skipped)
{
    /// <summary>The width of one slot.</summary>
    public static readonly TimeSpan Size = TimeSpan.FromMinutes(15);

    /// <summary>The width of one slot in milliseconds.</summary>
    public const long SizeMs = 900_000;
}
