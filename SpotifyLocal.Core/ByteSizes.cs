using System.Globalization;

namespace SpotifyLocal.Core;

/// <summary>File sizes as people read them in a reply or on a page: <c>64 KB</c>, <c>28.6 MB</c>, <c>1 GB</c>.</summary>
public static class ByteSizes
{
    public static string Describe(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.#} GB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.#} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, bytes / 1024.0):0.#} KB"),
    };
}
