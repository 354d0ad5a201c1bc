using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>What writing one <see cref="ImportBatch"/> stored: its plays, and its podcast and audiobook entries.</summary>
internal sealed record ImportBatchResult(InsertResult Plays, InsertResult Episodes)
{
    public static ImportBatchResult Empty { get; } = new(InsertResult.Empty, InsertResult.Empty);
}
