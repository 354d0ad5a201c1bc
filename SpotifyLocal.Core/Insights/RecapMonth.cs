namespace SpotifyLocal.Core.Insights;

/// <summary>Plays and time listened in one local calendar month of a <see cref="Recap"/>.</summary>
public sealed record RecapMonth(int Year, int Month, int Plays, long MsPlayed)
{
    /// <summary>The first day of the month.</summary>
    public DateOnly FirstDay => new(Year, Month, 1);
}
