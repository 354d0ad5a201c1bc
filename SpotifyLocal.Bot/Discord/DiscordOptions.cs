namespace SpotifyLocal.Bot.Discord;

/// <summary>
/// The <c>Discord</c> section. Setting <see cref="BotToken"/> enables the Discord adapter; the rest is checked only then.
/// </summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The bot token (Developer Portal → Bot → Reset Token). Empty = Discord adapter off.</summary>
    public string? BotToken { get; set; }

    /// <summary>The application id; optional, READY tells it too.</summary>
    public string? ApplicationId { get; set; }

    /// <summary>Register the slash commands in this one server only (instant, for development) instead of globally.</summary>
    public string? DevGuildId { get; set; }

    /// <summary>REST base URL including the API version.</summary>
    public string ApiBaseUrl { get; set; } = "https://discord.com/api/v10";

    /// <summary>Connect here instead of asking <c>GET /gateway/bot</c> (tests, proxies).</summary>
    public string? GatewayUrlOverride { get; set; }

    /// <summary>The largest export file <c>/import</c> downloads (further capped by the interaction's attachment_size_limit).</summary>
    public long MaxImportBytes { get; set; } = 500L * 1024 * 1024;

    /// <summary>True when a bot token is configured, i.e. the adapter should run.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}
