using System.Globalization;
using System.IO.Compression;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// An uploaded file opened for reading: a Spotify export ZIP (entries are only ever read as streams, never
/// extracted) or a single history JSON file. Applies every safety limit of <see cref="ImportOptions"/>.
/// </summary>
internal sealed class ExportPackage : IDisposable
{
    private readonly FileStream? file;
    private readonly ZipArchive? archive;

    private ExportPackage(FileStream? file, ZipArchive? archive, IReadOnlyList<ExportFile> files)
    {
        this.file = file;
        this.archive = archive;
        Files = files;
    }

    /// <summary>History files in processing order: extended audio, extended video, then account data.</summary>
    public IReadOnlyList<ExportFile> Files { get; }

    public static ExportPackage Open(string path, string displayName, ImportOptions options)
    {
        displayName = UserText.Printable(displayName);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new ImportRejectedException($"{displayName} could not be found.");
        }

        if (info.Length > options.MaxFileBytes)
        {
            throw new ImportRejectedException(
                $"{displayName} is {Megabytes(info.Length)}; the largest file this server accepts is {Megabytes(options.MaxFileBytes)}.");
        }

        if (info.Length == 0)
        {
            throw new ImportRejectedException($"{displayName} is empty.");
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            Span<byte> head = stackalloc byte[4];
            var headLength = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            if (headLength >= 2 && head[0] == (byte)'P' && head[1] == (byte)'K')
            {
                return OpenZip(stream, displayName, options);
            }

            if (LooksLikeJson(head[..headLength]))
            {
                stream.Dispose();
                var kind = ExportFileNames.Classify(displayName);
                return new ExportPackage(null, null, [new ExportFile(displayName, kind, () => File.OpenRead(path))]);
            }

            throw new ImportRejectedException(
                $"{displayName} is neither a ZIP archive nor a JSON file. Upload the ZIP Spotify sent you (my_spotify_data.zip) or one of the JSON files inside it.");
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        archive?.Dispose();
        file?.Dispose();
    }

    internal static string Megabytes(long bytes) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB");

    private static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])
            || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return true;
        }

        var trimmed = head.TrimStart(" \t\r\n"u8);
        return trimmed.IsEmpty || trimmed[0] is (byte)'[' or (byte)'{';
    }

    private static ExportPackage OpenZip(FileStream stream, string displayName, ImportOptions options)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
        }
        catch (InvalidDataException ex)
        {
            throw new ImportRejectedException(
                $"{displayName} is not a readable ZIP archive: it may be truncated or damaged. Download it from Spotify again.", ex);
        }

        try
        {
            var entries = archive.Entries;
            if (entries.Count == 0)
            {
                throw new ImportRejectedException($"{displayName} is an empty ZIP archive.");
            }

            if (entries.Count > options.MaxZipEntries)
            {
                throw new ImportRejectedException(
                    $"{displayName} holds {entries.Count:N0} files; a Spotify export holds a few dozen, and this server accepts at most {options.MaxZipEntries:N0}.");
            }

            var unsafeEntry = entries.FirstOrDefault(e => ExportFileNames.IsUnsafe(e.FullName));
            if (unsafeEntry is not null)
            {
                throw new ImportRejectedException(
                    $"{displayName} contains a file with an unsafe path (\"{unsafeEntry.FullName}\"). Spotify exports never do, so it was refused.");
            }

            var files = new List<ExportFile>();
            var methods = ZipCompressionMethods.Read(stream);
            for (var i = 0; i < entries.Count; i++)
            {
                var entry = entries[i];
                var kind = ExportFileNames.Classify(entry.FullName);
                if (kind == ExportFileKind.Other)
                {
                    continue;
                }

                var name = UserText.Printable(entry.FullName);
                CheckSize(entry, displayName, options);
                CheckReadable(entry, name, displayName, methods?.Length == entries.Count ? methods[i] : null);
                var limit = Math.Min(entry.Length, options.MaxEntryBytes);
                files.Add(new ExportFile(name, kind, () => new BoundedReadStream(entry.Open(), limit, name)));
            }

            // Every history file is read at most to its declared size (BoundedReadStream), so this bounds the total work.
            var total = entries.Where(e => ExportFileNames.Classify(e.FullName) != ExportFileKind.Other).Sum(e => e.Length);
            if (total > options.MaxTotalUncompressedBytes)
            {
                throw new ImportRejectedException(
                    $"The history files in {displayName} unpack to {Megabytes(total)} together; this server accepts at most {Megabytes(options.MaxTotalUncompressedBytes)} per upload. Import the files in smaller groups.");
            }

            if (files.Count == 0)
            {
                throw new ImportRejectedException(
                    $"{displayName} holds no Spotify streaming history (Streaming_History_Audio_*.json, endsong_*.json or StreamingHistory*.json). Request \"Extended streaming history\" on Spotify's privacy page and upload that ZIP.");
            }

            var ordered = files
                .OrderBy(f => f.Kind switch
                {
                    ExportFileKind.ExtendedAudio => 0,
                    ExportFileKind.ExtendedVideo => 1,
                    ExportFileKind.AccountDataMusic => 2,
                    _ => 3,
                })
                .ThenBy(f => f.Name, StringComparer.Ordinal)
                .ToList();
            return new ExportPackage(stream, archive, ordered);
        }
        catch
        {
            archive.Dispose();
            throw;
        }
    }

    /// <summary>Refuses an entry .NET cannot decompress, saying why (encrypted, or the method by name) instead of "damaged".</summary>
    private static void CheckReadable(ZipArchiveEntry entry, string name, string displayName, ushort? method)
    {
        if (entry.IsEncrypted || (method is { } aes && ZipCompressionMethods.IsAesEncrypted(aes)))
        {
            throw new ImportRejectedException(
                $"{name} in {displayName} is encrypted (password-protected). Spotify's exports are not: upload the ZIP exactly as Spotify sent it, or unpack it and send the JSON files.");
        }

        try
        {
            // Opening checks the compression method; no data is read.
            using var probe = entry.Open();
        }
        catch (InvalidDataException ex)
        {
            var how = method is { } known and not (0 or 8) ? ZipCompressionMethods.Describe(known) : "a method this server cannot read";
            throw new ImportRejectedException(
                $"{name} in {displayName} is compressed with {how}, which this server cannot unpack. Re-pack it as an ordinary ZIP (Deflate), or send the JSON files one by one.",
                ex);
        }
    }

    private static void CheckSize(ZipArchiveEntry entry, string displayName, ImportOptions options)
    {
        if (entry.Length > options.MaxEntryBytes)
        {
            throw new ImportRejectedException(
                $"{entry.FullName} in {displayName} unpacks to {Megabytes(entry.Length)}; this server accepts at most {Megabytes(options.MaxEntryBytes)} per file.");
        }

        var ratio = entry.Length / (double)Math.Max(1, entry.CompressedLength);
        if (entry.Length > 64 * 1024 && ratio > options.MaxCompressionRatio)
        {
            throw new ImportRejectedException(
                $"{entry.FullName} in {displayName} is compressed {ratio:0}:1, far more than a real history file; refusing it as a possible zip bomb.");
        }
    }
}
