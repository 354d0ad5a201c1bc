namespace SpotifyLocal.Core.Import;

/// <summary>Recognises Spotify's export file names, wherever they sit inside the archive.</summary>
internal static class ExportFileNames
{
    public static ExportFileKind Classify(string entryName)
    {
        var name = FileName(entryName);
        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ExportFileKind.Other;
        }

        if (name.StartsWith("Streaming_History_Audio_", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("endsong", StringComparison.OrdinalIgnoreCase))
        {
            return ExportFileKind.ExtendedAudio;
        }

        if (name.StartsWith("Streaming_History_Video_", StringComparison.OrdinalIgnoreCase))
        {
            return ExportFileKind.ExtendedVideo;
        }

        if (name.StartsWith("StreamingHistory_podcast", StringComparison.OrdinalIgnoreCase))
        {
            return ExportFileKind.AccountDataPodcast;
        }

        if (name.StartsWith("StreamingHistory", StringComparison.OrdinalIgnoreCase))
        {
            return ExportFileKind.AccountDataMusic;
        }

        return ExportFileKind.Other;
    }

    /// <summary>True when the name could escape a folder if it were ever extracted (<c>..</c> segments, rooted paths).</summary>
    public static bool IsUnsafe(string entryName)
    {
        if (entryName.Length == 0
            || entryName[0] is '/' or '\\'
            || (entryName.Length >= 2 && entryName[1] == ':')
            || entryName.Contains('\0'))
        {
            return true;
        }

        return entryName.Split('/', '\\').Any(segment => segment == "..");
    }

    private static string FileName(string entryName)
    {
        var slash = entryName.LastIndexOfAny(['/', '\\']);
        return slash < 0 ? entryName : entryName[(slash + 1)..];
    }
}
