namespace SpotifyLocal.Core.Insights;

/// <summary>An artist's longest and current run of local days with at least one of its plays (<see cref="DayStreaks"/>).</summary>
public sealed record ArtistStreak(string ArtistKey, string ArtistName, Streak Longest, Streak? Current);
