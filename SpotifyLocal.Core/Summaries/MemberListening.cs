using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Summaries;

/// <summary>One visible member's listening in a leaderboard's period: totals and their #1 (null without plays).</summary>
public sealed record MemberListening(VisibleMember Member, ListeningTotals Totals, TopItem? Favorite)
{
    /// <summary>The member's stored name, or a neutral stand-in.</summary>
    public string Name => Member.DisplayName ?? $"member {Member.ChatUserId}";
}
