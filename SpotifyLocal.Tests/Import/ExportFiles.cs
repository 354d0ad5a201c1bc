using System.IO.Compression;
using System.Text;

namespace SpotifyLocal.Tests.Import;

/// <summary>Writes upload files (ZIPs, JSON, raw bytes) into a temp folder deleted on dispose.</summary>
public sealed class ExportFiles : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "spotifylocal-import-tests", Guid.NewGuid().ToString("N"));

    public ExportFiles() => Directory.CreateDirectory(_directory);

    public string Zip(params (string Name, string Content)[] entries) =>
        ZipBytes(entries.Select(e => (e.Name, Encoding.UTF8.GetBytes(e.Content))).ToArray());

    public string ZipBytes(params (string Name, byte[] Content)[] entries)
    {
        var path = NewPath(".zip");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, content) in entries)
        {
            var entry = archive.CreateEntry(name, CompressionLevel.Fastest);
            using var stream = entry.Open();
            stream.Write(content);
        }

        return path;
    }

    public string Json(string content) => Bytes(Encoding.UTF8.GetBytes(content), ".json");

    public string Bytes(byte[] content, string extension = ".bin")
    {
        var path = NewPath(extension);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    private string NewPath(string extension) => Path.Combine(_directory, Guid.NewGuid().ToString("N") + extension);
}
