using System.Net;

namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// Discord answered a REST call with an error. <see cref="Route"/> is the route template (never the token); the message
/// carries Discord's <c>errors</c> detail when there is one (field paths and rule codes, no user content).
/// </summary>
public sealed class DiscordApiException(
    HttpStatusCode status, int errorCode, string route, string? discordMessage, int attempts = 1, string? errors = null)
    : Exception($"Discord answered {(int)status} to {route}: {discordMessage ?? "no message"} (code {errorCode})."
        + (errors is null ? "" : $" Errors: {errors}"))
{
    /// <summary>50027: the interaction token has expired (after 15 minutes).</summary>
    public const int InvalidWebhookToken = 50027;

    /// <summary>10015: no webhook for that token (expired or never valid).</summary>
    public const int UnknownWebhook = 10015;

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>Discord's JSON error code (0 when absent), e.g. 10062 Unknown interaction.</summary>
    public int ErrorCode { get; } = errorCode;

    /// <summary>The route template, e.g. <c>PATCH /webhooks/{application}/{token}/messages/@original</c>.</summary>
    public string Route { get; } = route;

    /// <summary>Discord's message text.</summary>
    public string? DiscordMessage { get; } = discordMessage;

    /// <summary>How many times the request was sent (retries after 5xx, network errors and 429 included).</summary>
    public int Attempts { get; } = attempts;

    /// <summary>
    /// The interaction token can no longer be used: expired (50027 Invalid Webhook Token, 10015 Unknown Webhook) or
    /// rate limited for longer than it lives (developers/topics/opcodes-and-status-codes.mdx, JSON error codes).
    /// </summary>
    public bool InteractionTokenUnusable =>
        ErrorCode is InvalidWebhookToken or UnknownWebhook || (Status == HttpStatusCode.TooManyRequests && Route.Contains("/webhooks/", StringComparison.Ordinal));

    /// <summary>The raw <c>errors</c> object of a 50035 Invalid Form Body, if Discord sent one.</summary>
    public string? Errors { get; } = errors;
}
