using System.Buffers.Binary;

namespace SpotifyLocal.Core.Import;

/// <summary>
/// The compression method of each entry, read from the ZIP's central directory (APPNOTE.TXT 4.3.12, 4.4.5), in
/// the order <see cref="System.IO.Compression.ZipArchive.Entries"/> lists them. .NET does not expose the method; it
/// only says an entry cannot be opened, and the user should hear why (bzip2, LZMA, AES, …).
/// </summary>
internal static class ZipCompressionMethods
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint CentralHeader = 0x02014b50;

    /// <summary>The methods, or null when the directory is not the simple kind this reads (ZIP64, damaged).</summary>
    public static ushort[]? Read(Stream stream)
    {
        var position = stream.Position;
        try
        {
            var tailLength = (int)Math.Min(stream.Length, 22 + ushort.MaxValue);
            var tail = new byte[tailLength];
            stream.Position = stream.Length - tailLength;
            stream.ReadExactly(tail);
            for (var i = tailLength - 22; i >= 0; i--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfCentralDirectory)
                {
                    var count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
                    var size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 12));
                    var offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16));
                    return offset == uint.MaxValue || offset + (long)size > stream.Length ? null : ReadDirectory(stream, offset, size, count);
                }
            }

            return null;
        }
        finally
        {
            stream.Position = position;
        }
    }

    /// <summary>A name for the methods .NET cannot read, for the message.</summary>
    public static string Describe(ushort method) => method switch
    {
        1 => "Shrink",
        6 => "Implode",
        9 => "Deflate64",
        12 => "bzip2",
        14 => "LZMA",
        93 => "Zstandard",
        95 => "XZ",
        98 => "PPMd",
        _ => "method " + method,
    };

    /// <summary>Method 99 marks WinZip AES encryption (APPNOTE.TXT 4.4.5).</summary>
    public static bool IsAesEncrypted(ushort method) => method == 99;

    private static ushort[]? ReadDirectory(Stream stream, uint offset, uint size, int count)
    {
        var directory = new byte[size];
        stream.Position = offset;
        stream.ReadExactly(directory);
        var methods = new ushort[count];
        var at = 0;
        for (var n = 0; n < count; n++)
        {
            if (at + 46 > directory.Length || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at)) != CentralHeader)
            {
                return null;
            }

            methods[n] = BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 10));
            at += 46 + BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 28))
                + BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 30))
                + BinaryPrimitives.ReadUInt16LittleEndian(directory.AsSpan(at + 32));
        }

        return methods;
    }
}
