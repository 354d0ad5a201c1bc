using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// How often a user skipped in <see cref="Period"/>: of <see cref="Plays"/> plays, <see cref="PlaysWithSkipData"/> say
/// whether they were skipped (extended-history plays; tracked and account-data plays don't) and <see cref="Skipped"/> were.
/// <see cref="Tracks"/> are the most skipped tracks; <see cref="Artists"/> the highest skip rates among artists with at
/// least <see cref="SkipRateService.MinArtistPlays"/> plays with skip data.
/// </summary>
public sealed record SkipReport(
    Period Period,
    long Plays,
    int PlaysWithSkipData,
    int Skipped,
    IReadOnlyList<SkipCount> Tracks,
    IReadOnlyList<SkipCount> Artists)
{
    /// <summary>Skipped over plays with skip data; null when no play in the period says.</summary>
    public double? Rate => PlaysWithSkipData == 0 ? null : (double)Skipped / PlaysWithSkipData;
}
