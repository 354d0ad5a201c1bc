using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Core.Spotify;

/// <summary>
/// The <c>Spotify</c> section: the app credentials from the Spotify developer dashboard and the endpoints.
/// Linking and tracking are enabled only when <see cref="IsConfigured"/>; without them the bot still runs
/// (imports and stats need no Spotify app).
/// </summary>
public sealed class SpotifyOptions
{
    public const string SectionName = "Spotify";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The redirect URI registered in the dashboard; the bot serves the OAuth callback at its path.</summary>
    public string? RedirectUri { get; set; }

    [Required]
    public string AccountsBaseUrl { get; set; } = "https://accounts.spotify.com";

    [Required]
    public string ApiBaseUrl { get; set; } = "https://api.spotify.com";

    /// <summary>Space-separated OAuth scopes requested at /link: only what tracking reads (the profile needs no scope).</summary>
    [Required]
    public string Scopes { get; set; } = "user-read-recently-played";

    /// <summary>Where the ASP.NET Core Data Protection key ring that encrypts stored tokens lives.</summary>
    [Required]
    public string TokenKeyDirectory { get; set; } = "data/keys";

    /// <summary>How long one HTTP attempt may take before it counts as a timeout and is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Base delay of the jittered exponential backoff between retries of 5xx and timeouts.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>How long polling pauses after a 429 whose body says <c>QUOTA_EXCEEDED</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan QuotaExceededPause { get; set; } = TimeSpan.FromHours(1);

    /// <summary>True when ClientId, ClientSecret and RedirectUri are all set, so users can link.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(ClientId)
        && !string.IsNullOrWhiteSpace(ClientSecret)
        && !string.IsNullOrWhiteSpace(RedirectUri);

    /// <summary>The parsed <see cref="RedirectUri"/>; only valid when <see cref="IsConfigured"/> (a method, so validators never evaluate it).</summary>
    public Uri GetRedirectUrl() => new(RedirectUri ?? throw new InvalidOperationException("Spotify:RedirectUri is not set."));
}
