namespace SpotifyLocal.Core.Web;

/// <summary>The personal web page: where people reach it, how long a <c>/web</c> link and a session last.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>The address people open, e.g. <c>https://music.example.org</c> behind a reverse proxy; empty means the local listen address.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long a <c>/web</c> link can be opened (once).</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a session cookie lasts after the link was opened.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);
}
