namespace SpotifyLocal.Core.Stats;

/// <summary>
/// Listening by hour of day (0–23) and weekday in the user's zone: the "when do I listen" heatmap.
/// Rows are weekdays Monday (0) to Sunday (6).
/// </summary>
public sealed class ListeningClock
{
    private readonly int[,] _plays = new int[7, 24];
    private readonly long[,] _msPlayed = new long[7, 24];

    /// <summary>Row index of a weekday: Monday = 0 … Sunday = 6.</summary>
    public static int Row(DayOfWeek day) => ((int)day + 6) % 7;

    public int PlaysAt(DayOfWeek day, int hour) => _plays[Row(day), hour];

    public long MsPlayedAt(DayOfWeek day, int hour) => _msPlayed[Row(day), hour];

    public int TotalPlays { get; private set; }

    public long TotalMsPlayed { get; private set; }

    internal void Add(DayOfWeek day, int hour, int plays, long msPlayed)
    {
        _plays[Row(day), hour] += plays;
        _msPlayed[Row(day), hour] += msPlayed;
        TotalPlays += plays;
        TotalMsPlayed += msPlayed;
    }
}
