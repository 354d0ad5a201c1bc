namespace SpotifyLocal.Core.Import;

/// <summary>A batch write that failed after part of it was stored, with exactly what is stored.</summary>
internal sealed class ImportBatchWriteException(ImportBatchResult stored, Exception inner)
    : Exception("Writing an import batch failed after part of it was stored.", inner)
{
    public ImportBatchResult Stored { get; } = stored;
}
