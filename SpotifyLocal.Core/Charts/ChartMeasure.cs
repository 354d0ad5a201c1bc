namespace SpotifyLocal.Core.Charts;

/// <summary>What the bars of a top chart show.</summary>
public enum ChartMeasure
{
    Plays = 0,
    Minutes = 1,
}
