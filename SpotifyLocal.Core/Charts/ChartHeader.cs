namespace SpotifyLocal.Core.Charts;

/// <summary>Who and when a chart is about, for its title: the user's display name and the period label.</summary>
public sealed record ChartHeader(string UserName, string PeriodLabel);
