using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>
/// Two people's artists in <see cref="Period"/>, seen from the first: <see cref="Overlap"/> (0–1, defined on
/// <see cref="TasteOverlapService"/>), each one's plays, the shared artists with the most in common first, and each one's
/// top artists of the period that the other never played at any time.
/// </summary>
public sealed record TasteComparison(
    Period Period,
    double Overlap,
    int Plays,
    int OtherPlays,
    int SharedArtistCount,
    IReadOnlyList<SharedArtist> Shared,
    IReadOnlyList<TopItem> OnlyMine,
    IReadOnlyList<TopItem> OnlyTheirs);
