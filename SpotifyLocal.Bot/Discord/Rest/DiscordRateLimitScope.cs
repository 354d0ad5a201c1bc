namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// Whose limit a 429 enforces, from its <c>X-RateLimit-Scope</c> header (developers/topics/rate-limits.mdx, "Header
/// Format"): the bot's own per-route limit, the bot's global limit, or a limit on the resource shared by everyone using it.
/// </summary>
public enum DiscordRateLimitScope
{
    /// <summary><c>user</c>: the bot spent its own bucket (honouring the headers should have avoided this).</summary>
    User,

    /// <summary><c>global</c>: the bot's requests across all routes (interaction endpoints exempt).</summary>
    Global,

    /// <summary><c>shared</c>: the resource is limited for everyone; not counted against the bot.</summary>
    Shared,
}
