namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// The export an <see cref="ImportCommand"/> reads: a copy of what a chat user uploaded, saved by the adapter, or a
/// file the local operator named at the console. <see cref="CommandParser"/> builds neither, so no chat text or
/// button data can make the bot open a path on the server.
/// </summary>
public sealed record ImportFile
{
    private ImportFile(string path, string fileName, bool namedByOperator)
    {
        Path = path;
        FileName = fileName;
        NamedByOperator = namedByOperator;
    }

    /// <summary>Where the file is on this machine.</summary>
    public string Path { get; }

    /// <summary>The name shown in progress and the summary (the upload's own name).</summary>
    public string FileName { get; }

    /// <summary>The operator typed the path, so a missing file may be reported by name.</summary>
    public bool NamedByOperator { get; }

    /// <summary>An upload the adapter downloaded to <paramref name="savedPath"/> (a temporary file it owns).</summary>
    public static ImportFile Received(string savedPath, string fileName) => new(savedPath, fileName, namedByOperator: false);

    /// <summary>A local file named by whoever runs the console on this machine.</summary>
    public static ImportFile NamedLocally(string path) => new(path, System.IO.Path.GetFileName(path), namedByOperator: true);
}
