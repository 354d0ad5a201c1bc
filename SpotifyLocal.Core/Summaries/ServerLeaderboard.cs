using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>A server's top list over a period, counting only members who opted in to being visible there.</summary>
public sealed record ServerLeaderboard(Period Period, TopKind Kind, IReadOnlyList<TopItem> Items, IReadOnlyList<MemberListening> Members)
{
    /// <summary>Time listened by all visible members together.</summary>
    public long TotalMsPlayed => Members.Sum(m => m.Totals.MsPlayed);

    /// <summary>The member who listened longest (null when nobody played anything).</summary>
    public MemberListening? TopListener => Members.Where(m => m.Totals.MsPlayed > 0).MaxBy(m => m.Totals.MsPlayed);
}
