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

    /// <summary><c>ms_played</c> longer than a day (real exports hold values like 9,223,372,036,854,775,807).</summary>
    public const string ImplausibleMsPlayed = "implausible-ms-played";

    /// <summary>Ended after the import started (beyond a few minutes of clock skew): a broken clock or a forged row.</summary>
    public const string InTheFuture = "in-the-future";

    /// <summary>Ended before Spotify launched (2006).</summary>
    public const string BeforeSpotify = "before-spotify";
}
