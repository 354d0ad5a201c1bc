using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>The rows read since the last batch was handed off: the plays to write and the rows left out, by reason.</summary>
internal sealed record ImportBatch(List<Play> Plays, Dictionary<string, long> Skipped)
{
    public long Rows => Plays.Count + Skipped.Values.Sum();
}
