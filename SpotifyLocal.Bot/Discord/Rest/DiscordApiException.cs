using System.Net;

namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>Discord answered a REST call with an error. <see cref="Route"/> is the route template (never the token).</summary>
public sealed class DiscordApiException(HttpStatusCode status, int errorCode, string route, string? discordMessage)
    : Exception($"Discord answered {(int)status} to {route}: {discordMessage ?? "no message"} (code {errorCode}).")
{
    /// <summary>The HTTP status.</summary>
    public HttpStatusCode Status { get; } = status;

    /// <summary>Discord's JSON error code (0 when absent), e.g. 10062 Unknown interaction.</summary>
    public int ErrorCode { get; } = errorCode;

    /// <summary>The route template, e.g. <c>PATCH /webhooks/{application}/{token}/messages/@original</c>.</summary>
    public string Route { get; } = route;

    /// <summary>Discord's message text.</summary>
    public string? DiscordMessage { get; } = discordMessage;
}
