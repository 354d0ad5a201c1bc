namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// A REST call's identity for rate limiting: the <paramref name="Template"/> (safe to log) and the top-level resource
/// (<paramref name="MajorParameter"/>: channel, guild, or webhook id + token) whose limits Discord counts separately.
/// <paramref name="TokenExpiresAt"/>: set on an interaction callback or webhook, authorised by an interaction token that
/// dies then; such endpoints are not bound to the global limit (developers/topics/rate-limits.mdx, "Global Rate Limit").
/// <paramref name="RepeatablePost"/>: a POST Discord deduplicates (a channel message with enforce_nonce), so it may be
/// sent again after a 5xx or a network error like the idempotent methods.
/// </summary>
public sealed record DiscordRoute(
    HttpMethod Method, string Template, string MajorParameter, DateTimeOffset? TokenExpiresAt = null, bool RepeatablePost = false)
{
    /// <summary>The key for per-route state before Discord has told us the bucket hash.</summary>
    public string Key => $"{Method.Method} {Template}|{MajorParameter}";

    /// <summary>An interaction callback or webhook: authorised by an interaction token, exempt from the global limit.</summary>
    public bool IsInteractionEndpoint => TokenExpiresAt is not null;

    /// <summary>Whether sending it twice does no harm, so a 5xx or a lost connection may be retried.</summary>
    public bool SafeToRepeat => Method != HttpMethod.Post || RepeatablePost;

    public override string ToString() => $"{Method.Method} {Template}";
}
