using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// The rows read since the last batch was handed off: the plays to write, the podcast and audiobook entries to write
/// apart from them, and the rows left out, by reason.
/// </summary>
internal sealed record ImportBatch(List<Play> Plays, List<EpisodePlay> Episodes, Dictionary<string, long> Skipped)
{
    public long Rows => Plays.Count + Episodes.Count + Skipped.Values.Sum();
}
