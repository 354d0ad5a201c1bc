namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// A REST call's identity for rate limiting: the <paramref name="Template"/> (safe to log) and the top-level resource
/// (<paramref name="MajorParameter"/>: channel, guild, or webhook id + token) whose limits Discord counts separately.
/// </summary>
public sealed record DiscordRoute(HttpMethod Method, string Template, string MajorParameter)
{
    /// <summary>The key for per-route state before Discord has told us the bucket hash.</summary>
    public string Key => $"{Method.Method} {Template}|{MajorParameter}";

    public override string ToString() => $"{Method.Method} {Template}";
}
