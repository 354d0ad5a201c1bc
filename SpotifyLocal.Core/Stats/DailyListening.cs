namespace SpotifyLocal.Core.Stats;

/// <summary>Plays and time listened on one local calendar day.</summary>
public sealed record DailyListening(DateOnly Day, int Plays, long MsPlayed);
