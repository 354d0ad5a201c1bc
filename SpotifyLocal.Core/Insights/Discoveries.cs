using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Insights;

/// <summary>The artists and tracks a user played for the first time ever in <see cref="Period"/>, ranked by plays since.</summary>
public sealed record Discoveries(Period Period, DiscoveryList Artists, DiscoveryList Tracks);
