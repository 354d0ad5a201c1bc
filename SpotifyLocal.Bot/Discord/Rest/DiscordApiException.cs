using System.Net;

namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// Discord answered a REST call with an error, or the client gave up on an interaction endpoint whose token could not
/// carry the request. <see cref="Route"/> is the route template (never the token); the message carries Discord's
/// <c>errors</c> detail when there is one (field paths and rule codes, no user content).
/// </summary>
public sealed class DiscordApiException : Exception
{
    /// <summary>50027: the interaction token has expired (after 15 minutes).</summary>
    public const int InvalidWebhookToken = 50027;

    /// <summary>10015: no webhook for that token (expired or never valid).</summary>
    public const int UnknownWebhook = 10015;

    private readonly bool _tokenOutlived;

    public DiscordApiException(
        HttpStatusCode status, int errorCode, string route, string? discordMessage, int attempts = 1, string? errors = null)
        : base($"Discord answered {(int)status} to {route}: {discordMessage ?? "no message"} (code {errorCode})."
            + (errors is null ? "" : $" Errors: {errors}"))
    {
        Status = status;
        ErrorCode = errorCode;
        Route = route;
        DiscordMessage = discordMessage;
        Attempts = attempts;
        Errors = errors;
    }

    private DiscordApiException(HttpStatusCode? status, string route, string reason, int attempts)
        : base($"Gave up on {route}: {reason}.")
    {
        Status = status;
        Route = route;
        Attempts = attempts;
        _tokenOutlived = true;
    }

    /// <summary>The HTTP status; null when the client gave up before sending.</summary>
    public HttpStatusCode? Status { get; }

    /// <summary>Discord's JSON error code (0 when absent), e.g. 10062 Unknown interaction.</summary>
    public int ErrorCode { get; }

    /// <summary>The route template, e.g. <c>PATCH /webhooks/{application}/{token}/messages/@original</c>.</summary>
    public string Route { get; }

    /// <summary>Discord's message text.</summary>
    public string? DiscordMessage { get; }

    /// <summary>How many times the request was sent (retries after 5xx, network errors and 429 included; 0 if never).</summary>
    public int Attempts { get; }

    /// <summary>
    /// The interaction token can no longer be used: Discord says it expired (50027 Invalid Webhook Token, 10015 Unknown
    /// Webhook; developers/topics/opcodes-and-status-codes.mdx, JSON error codes), or by its 15 minutes it was dead
    /// before the request could go (again) — see <see cref="InteractionTokenOutlived"/>.
    /// </summary>
    public bool InteractionTokenUnusable => ErrorCode is InvalidWebhookToken or UnknownWebhook || _tokenOutlived;

    /// <summary>The raw <c>errors</c> object of a 50035 Invalid Form Body, if Discord sent one.</summary>
    public string? Errors { get; }

    /// <summary>
    /// The client's own verdict on an interaction endpoint: the token is already dead, or a rate-limit wait
    /// (<paramref name="status"/> 429 when Discord asked for it, null when the limiter did) would outlast it.
    /// </summary>
    public static DiscordApiException InteractionTokenOutlived(string route, string reason, HttpStatusCode? status, int attempts) =>
        new(status, route, reason, attempts);
}
