using System.ComponentModel.DataAnnotations;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Import;

/// <summary>The <c>Import</c> configuration section: which plays count and the safety limits for uploaded files.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>Plays shorter than this are left out (Spotify itself counts a stream from 30 s).</summary>
    [Range(0, int.MaxValue)]
    public int MinPlayedMs { get; set; } = 30_000;

    /// <summary>Whether plays made in a private (incognito) session are imported.</summary>
    public bool IncludeIncognito { get; set; }

    /// <summary>The largest file accepted, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 1L << 30;

    /// <summary>The most entries a ZIP may hold; real exports hold a few dozen.</summary>
    [Range(1, int.MaxValue)]
    public int MaxZipEntries { get; set; } = 1_000;

    /// <summary>The largest uncompressed size of one history file, in bytes.</summary>
    [Range(1, long.MaxValue)]
    public long MaxEntryBytes { get; set; } = 512L << 20;

    /// <summary>
    /// The largest uncompressed size of all history files of one upload together, in bytes: with the per-file
    /// limits alone a ZIP of many files could still demand hundreds of gigabytes of decompression.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxTotalUncompressedBytes { get; set; } = 4L << 30;

    /// <summary>The highest uncompressed-to-compressed ratio accepted for one entry (zip-bomb guard; JSON history compresses about 10:1).</summary>
    [Range(1, int.MaxValue)]
    public int MaxCompressionRatio { get; set; } = 100;

    /// <summary>
    /// Plays written per storage batch; at most <see cref="PlayBatchWriter.BatchSize"/>, so one batch is one store
    /// transaction and a failed batch leaves nothing behind that the job's counts miss.
    /// </summary>
    [Range(1, PlayBatchWriter.BatchSize)]
    public int BatchSize { get; set; } = 1_000;
}
