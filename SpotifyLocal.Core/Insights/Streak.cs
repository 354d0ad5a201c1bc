namespace SpotifyLocal.Core.Insights;

/// <summary>Consecutive local calendar days, <see cref="First"/> to <see cref="Last"/> inclusive, each with at least one play.</summary>
public sealed record Streak(DateOnly First, DateOnly Last)
{
    /// <summary>How many days the streak has.</summary>
    public int Days => Last.DayNumber - First.DayNumber + 1;
}
