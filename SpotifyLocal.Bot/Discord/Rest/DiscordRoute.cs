namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// A REST call's identity for rate limiting: the <paramref name="Template"/> (safe to log) and the top-level resource
/// (<paramref name="MajorParameter"/>: channel, guild, or webhook id + token) whose limits Discord counts separately.
/// <paramref name="IsInteractionEndpoint"/>: an interaction callback or webhook, authorised by a 15-minute interaction
/// token and not bound to the global limit (developers/topics/rate-limits.mdx, "Global Rate Limit").
/// <paramref name="RepeatablePost"/>: a POST Discord deduplicates (a channel message with enforce_nonce), so it may be
/// sent again after a 5xx or a network error like the idempotent methods.
/// </summary>
public sealed record DiscordRoute(
    HttpMethod Method, string Template, string MajorParameter, bool IsInteractionEndpoint = false, bool RepeatablePost = false)
{
    /// <summary>The key for per-route state before Discord has told us the bucket hash.</summary>
    public string Key => $"{Method.Method} {Template}|{MajorParameter}";

    /// <summary>Whether sending it twice does no harm, so a 5xx or a lost connection may be retried.</summary>
    public bool SafeToRepeat => Method != HttpMethod.Post || RepeatablePost;

    public override string ToString() => $"{Method.Method} {Template}";
}
