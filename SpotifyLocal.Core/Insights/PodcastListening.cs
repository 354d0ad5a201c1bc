using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>A period's podcast and audiobook listening: totals, and the top shows and episodes by listening time.</summary>
public sealed record PodcastListening(Period Period, EpisodeTotals Totals, IReadOnlyList<TopItem> Shows, IReadOnlyList<TopItem> Episodes)
{
    public bool IsEmpty => Totals.Entries == 0;
}
