namespace SpotifyLocal.Core.Import;

/// <summary>The keys of <see cref="Storage.ImportJob.SkippedByReason"/>: why an export entry did not become a play.</summary>
public static class SkipReasons
{
    /// <summary>A podcast episode.</summary>
    public const string Podcast = "podcast";

    /// <summary>A video stream (<c>Streaming_History_Video_*.json</c>).</summary>
    public const string Video = "video";

    /// <summary>An audiobook chapter.</summary>
    public const string Audiobook = "audiobook";

    /// <summary>No track name, artist or track URI (for example a removed track).</summary>
    public const string NoTrack = "no-track";

    /// <summary>Played for less than <see cref="ImportOptions.MinPlayedMs"/>.</summary>
    public const string Short = "short";

    /// <summary>Played in a private session while <see cref="ImportOptions.IncludeIncognito"/> is off.</summary>
    public const string Incognito = "incognito";

    /// <summary>An account-data entry inside the period the extended history of the same upload covers.</summary>
    public const string CoveredByExtended = "covered-by-extended";
}
