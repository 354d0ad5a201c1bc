using System.Globalization;

namespace SpotifyLocal.Core.Summaries;

/// <summary>Number formats shared by the summary texts.</summary>
internal static class SummaryText
{
    public static string Minutes(long ms) => (ms / 60_000).ToString("N0", CultureInfo.InvariantCulture) + " min";

    public static string Plays(int plays) => plays == 1 ? "1 play" : plays.ToString("N0", CultureInfo.InvariantCulture) + " plays";

    public static string Kind(Storage.TopKind kind) => kind switch
    {
        Storage.TopKind.Artists => "artists",
        Storage.TopKind.Albums => "albums",
        _ => "tracks",
    };
}
