namespace SpotifyLocal.Core.Insights;

/// <summary>
/// A user's daily listening streaks in their time zone as of <see cref="Today"/>: the current and longest run of days
/// with plays, how many days had plays at all and the latest of them, and the per-artist streaks of the artists considered
/// (<see cref="InsightsService.StreakArtistCandidates"/>), longest first.
/// </summary>
public sealed record ListeningStreaks(
    DateOnly Today,
    string TimeZoneId,
    Streak? Current,
    Streak? Longest,
    int ListeningDays,
    DateOnly? LastListeningDay,
    IReadOnlyList<ArtistStreak> Artists);
