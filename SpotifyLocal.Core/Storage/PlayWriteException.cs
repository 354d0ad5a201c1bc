namespace SpotifyLocal.Core.Storage;

/// <summary>
/// A play write failed after storing part of its plays (MongoDB's unordered inserts apply every document that has
/// no error; SQLite's transactions store all or nothing and never raise it). <see cref="Stored"/> is exactly what is
/// now in storage from this write, so callers count it; writing the same plays again stores only the rest.
/// </summary>
public sealed class PlayWriteException(InsertResult stored, Exception innerException)
    : Exception($"Storing plays failed after {stored.Inserted} of them were stored: {innerException.Message}", innerException)
{
    public InsertResult Stored { get; } = stored;
}
