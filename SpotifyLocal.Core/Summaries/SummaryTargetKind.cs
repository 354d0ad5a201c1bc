namespace SpotifyLocal.Core.Summaries;

/// <summary>Who a weekly summary is for: a whole server (posted in its channel) or one user (sent privately).</summary>
public enum SummaryTargetKind
{
    Server = 0,
    User = 1,
}
