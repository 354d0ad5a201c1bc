using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Discord.Dtos;

namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// The typed HTTP client for Discord's REST API. Every call goes through one request path: bot authorization and the
/// required User-Agent, per-route and global rate limits (429 <c>retry_after</c> waited out and retried, which is safe
/// because a 429 was not processed), and a <see cref="DiscordApiException"/> for any other error.
/// </summary>
public sealed class DiscordRestClient(
    HttpClient http,
    IOptions<DiscordOptions> options,
    DiscordRateLimiter rateLimiter,
    TimeProvider time,
    ILogger<DiscordRestClient> logger)
{
    /// <summary>Discord requires <c>DiscordBot ($url, $version)</c>.</summary>
    public const string UserAgent = "DiscordBot (https://github.com/spotifylocal/spotifylocal, 1.0)";

    private const int MaxRateLimitRetries = 3;
    private const int MaxServerErrorRetries = 3;
    private const int AlreadyAcknowledged = 40060;
    private static readonly DiscordJsonContext Json = DiscordJsonContext.Default;

    /// <summary><c>GET /gateway/bot</c>: where to connect and how many sessions may start.</summary>
    public async Task<GatewayBotDto> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Get, "/gateway/bot", "");
        return await SendAsync(route, "gateway/bot", content: null, Json.GatewayBotDto, cancellationToken);
    }

    /// <summary>
    /// Replaces the application's slash commands with <paramref name="commands"/>: globally, or in one server when
    /// <paramref name="guildId"/> is set (guild commands update instantly; global ones can take a while to show). An
    /// empty list removes them all. <c>contexts</c> and <c>integration_types</c> exist only for global commands
    /// (developers/interactions/application-commands.mdx, "Application Command Object"), so they are left out in a server.
    /// </summary>
    public async Task<IReadOnlyList<ApplicationCommandDto>> OverwriteCommandsAsync(
        string applicationId, string? guildId, IReadOnlyList<ApplicationCommandDto> commands, CancellationToken cancellationToken)
    {
        var (route, path) = CommandsRoute(HttpMethod.Put, applicationId, guildId);
        IReadOnlyList<ApplicationCommandDto> body = guildId is null
            ? commands
            : [.. commands.Select(c => c with { Contexts = null, IntegrationTypes = null })];
        return await SendAsync(
            route, path, () => JsonContent(body, Json.IReadOnlyListApplicationCommandDto),
            Json.IReadOnlyListApplicationCommandDto, cancellationToken);
    }

    /// <summary>The application's slash commands, globally or in one server.</summary>
    public async Task<IReadOnlyList<ApplicationCommandDto>> GetCommandsAsync(
        string applicationId, string? guildId, CancellationToken cancellationToken)
    {
        var (route, path) = CommandsRoute(HttpMethod.Get, applicationId, guildId);
        return await SendAsync(route, path, content: null, Json.IReadOnlyListApplicationCommandDto, cancellationToken);
    }

    private static (DiscordRoute Route, string Path) CommandsRoute(HttpMethod method, string applicationId, string? guildId) =>
        guildId is null
            ? (new DiscordRoute(method, "/applications/{application}/commands", ""), $"applications/{applicationId}/commands")
            : (new DiscordRoute(method, "/applications/{application}/guilds/{guild}/commands", guildId),
                $"applications/{applicationId}/guilds/{guildId}/commands");

    /// <summary>
    /// <c>POST /interactions/{id}/{token}/callback</c>: the first answer, due within 3 seconds (type 5 defers it; the
    /// token then allows edits for 15 minutes). Not subject to the global limit.
    /// </summary>
    public async Task RespondAsync(
        InteractionWebhook interaction, InteractionResponseDto response, CancellationToken cancellationToken)
    {
        // Repeatable: if a first attempt did reach Discord, the repeat is refused with 40060 "already acknowledged".
        var route = new DiscordRoute(
            HttpMethod.Post, "/interactions/{interaction}/{token}/callback", interaction.InteractionId,
            interaction.TokenExpiresAt, RepeatablePost: true);
        try
        {
            using var _ = await SendCoreAsync(
                route, $"interactions/{interaction.InteractionId}/{interaction.Token}/callback",
                () => JsonContent(response, Json.InteractionResponseDto), cancellationToken);
        }
        catch (DiscordApiException ex) when (ex.ErrorCode == AlreadyAcknowledged && ex.Attempts > 1)
        {
            // The earlier attempt got through; its answer was lost on the way back.
        }
    }

    /// <summary>
    /// <c>PATCH /webhooks/{application}/{token}/messages/@original</c>: edits the (deferred) interaction response, as JSON
    /// or, with <paramref name="files"/>, as multipart (<c>payload_json</c> + <c>files[n]</c>).
    /// </summary>
    public Task<MessageDto> EditOriginalResponseAsync(
        InteractionWebhook webhook, MessagePayloadDto payload, IReadOnlyList<DiscordFile>? files,
        CancellationToken cancellationToken)
    {
        var route = WebhookRoute(HttpMethod.Patch, "/webhooks/{application}/{token}/messages/@original", webhook);
        return SendAsync(
            route, $"webhooks/{webhook.ApplicationId}/{webhook.Token}/messages/@original",
            () => MessageContent(payload, files), Json.MessageDto, cancellationToken);
    }

    /// <summary><c>DELETE /webhooks/{application}/{token}/messages/@original</c>: removes the (deferred) response.</summary>
    public async Task DeleteOriginalResponseAsync(InteractionWebhook webhook, CancellationToken cancellationToken)
    {
        var route = WebhookRoute(HttpMethod.Delete, "/webhooks/{application}/{token}/messages/@original", webhook);
        using var _ = await SendCoreAsync(
            route, $"webhooks/{webhook.ApplicationId}/{webhook.Token}/messages/@original", content: null, cancellationToken);
    }

    /// <summary><c>POST /webhooks/{application}/{token}</c>: one more message for the interaction.</summary>
    public Task<MessageDto> CreateFollowupMessageAsync(
        InteractionWebhook webhook, MessagePayloadDto payload, IReadOnlyList<DiscordFile>? files,
        CancellationToken cancellationToken)
    {
        // Not repeatable: a followup that reached Discord would be posted twice.
        var route = WebhookRoute(HttpMethod.Post, "/webhooks/{application}/{token}", webhook);
        return SendAsync(
            route, $"webhooks/{webhook.ApplicationId}/{webhook.Token}", () => MessageContent(payload, files), Json.MessageDto,
            cancellationToken);
    }

    private static DiscordRoute WebhookRoute(HttpMethod method, string template, InteractionWebhook webhook) =>
        new(method, template, $"{webhook.ApplicationId}/{webhook.Token}", webhook.TokenExpiresAt);

    /// <summary><c>POST /channels/{channel}/messages</c>: a message in a channel (weekly summaries).</summary>
    public Task<MessageDto> CreateChannelMessageAsync(
        string channelId, MessagePayloadDto payload, IReadOnlyList<DiscordFile>? files, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(
            HttpMethod.Post, "/channels/{channel}/messages", channelId, RepeatablePost: payload.EnforceNonce == true && payload.Nonce is not null);
        return SendAsync(
            route, $"channels/{channelId}/messages", () => MessageContent(payload, files), Json.MessageDto, cancellationToken);
    }

    /// <summary><c>POST /users/@me/channels</c>: the DM channel with <paramref name="recipientId"/> (created if needed).</summary>
    public Task<ChannelDto> CreateDirectMessageChannelAsync(string recipientId, CancellationToken cancellationToken)
    {
        // Repeatable: it returns the existing DM channel when there is one.
        var route = new DiscordRoute(HttpMethod.Post, "/users/@me/channels", "", RepeatablePost: true);
        return SendAsync(
            route, "users/@me/channels", () => JsonContent(new CreateDmDto(recipientId), Json.CreateDmDto), Json.ChannelDto,
            cancellationToken);
    }

    /// <summary>
    /// Downloads a user's attachment into <paramref name="destination"/>, refusing anything above
    /// <paramref name="maxBytes"/> (by the announced length, and again while streaming). No bot token is sent.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    public async Task<long> DownloadAttachmentAsync(
        Uri url, Stream destination, long maxBytes, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(UserAgent);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DiscordApiException(response.StatusCode, 0, "GET attachment", "the attachment could not be downloaded");
        }

        if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
        {
            throw new DiscordAttachmentTooLargeException(maxBytes, announced);
        }

        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > maxBytes)
            {
                throw new DiscordAttachmentTooLargeException(maxBytes, null);
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }

    private async Task<T> SendAsync<T>(
        DiscordRoute route, string path, Func<HttpContent>? content, JsonTypeInfo<T> responseType,
        CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(route, path, content, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, responseType, cancellationToken)
            ?? throw new DiscordApiException(response.StatusCode, 0, route.ToString(), "empty response body");
    }

    // The one request path. The content factory builds a fresh body for each attempt. A 429 was not processed, so it is
    // always retried after retry_after; a 5xx or a lost connection only when the route is safe to repeat, after a backoff.
    // On an interaction endpoint nothing is sent, and no wait begun, that its token would not live to see.
    private async Task<HttpResponseMessage> SendCoreAsync(
        DiscordRoute route, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var token = options.Value.BotToken
            ?? throw new InvalidOperationException("Discord:BotToken is not set; the Discord client cannot be used.");
        var uri = new Uri($"{options.Value.ApiBaseUrl.TrimEnd('/')}/{path}");
        var rateLimited = 0;
        var failed = 0;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            while ((wait = rateLimiter.Acquire(route, exemptFromGlobal: route.IsInteractionEndpoint)) > TimeSpan.Zero)
            {
                ThrowIfTokenDiesWithin(route, wait, status: null, attempt - 1);
                logger.LogDebug("Waiting {Delay} for the Discord rate limit of {Route}", wait, route);
                await Task.Delay(wait, time, cancellationToken);
            }

            ThrowIfTokenDiesWithin(route, TimeSpan.Zero, status: null, attempt - 1);
            using var request = new HttpRequestMessage(route.Method, uri) { Content = content?.Invoke() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token);
            request.Headers.UserAgent.ParseAdd(UserAgent);
            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested && route.SafeToRepeat
                && failed < MaxServerErrorRetries && ex is HttpRequestException or TaskCanceledException)
            {
                failed++;
                var backoff = ServerErrorBackoff(failed);
                logger.LogWarning(ex, "Discord could not be reached for {Route}; retrying in {Delay}", route, backoff);
                await Task.Delay(backoff, time, cancellationToken);
                continue;
            }

            rateLimiter.Observe(route, response);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if ((int)response.StatusCode >= 500 && route.SafeToRepeat && failed < MaxServerErrorRetries)
                {
                    failed++;
                    var backoff = ServerErrorBackoff(failed);
                    logger.LogWarning(
                        "Discord answered {Status} to {Route}; retrying in {Delay}", (int)response.StatusCode, route, backoff);
                    await Task.Delay(backoff, time, cancellationToken);
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    throw await ErrorAsync(route, response, attempt, cancellationToken);
                }

                var (retryAfter, scope) = await ReadRateLimitAsync(response, cancellationToken);
                rateLimiter.LimitExceeded(route, retryAfter, scope);
                ThrowIfTokenDiesWithin(route, retryAfter, response.StatusCode, attempt);

                if (++rateLimited > MaxRateLimitRetries)
                {
                    throw new DiscordApiException(response.StatusCode, 0, route.ToString(), "still rate limited after retries", attempt);
                }

                if (scope == DiscordRateLimitScope.Shared)
                {
                    // rate-limits.mdx, "Invalid Request Limit": shared-scope 429s "are not counted against you".
                    logger.LogInformation(
                        "Discord limits the resource behind {Route} for everyone (shared scope, not the bot's budget); retrying after {RetryAfter}",
                        route, retryAfter);
                }
                else
                {
                    // The bot's own limit: the headers should have kept it below, and these 429s count towards a Cloudflare ban.
                    logger.LogWarning(
                        "Discord rate limited {Route} ({Scope} scope); retrying after {RetryAfter}", route, ScopeName(scope), retryAfter);
                }
            }
        }
    }

    // An interaction token that is dead, or dies before the wait is over, cannot carry the request: fail now, so the caller
    // falls back at once instead of waiting for a 50027.
    private void ThrowIfTokenDiesWithin(DiscordRoute route, TimeSpan wait, HttpStatusCode? status, int attempts)
    {
        if (route.TokenExpiresAt is not { } expiresAt)
        {
            return;
        }

        var left = expiresAt - time.GetUtcNow();
        if (wait < left)
        {
            return;
        }

        throw DiscordApiException.InteractionTokenOutlived(
            route.ToString(),
            left <= TimeSpan.Zero
                ? "the interaction token has expired"
                : $"rate limited for {wait}, longer than the {left} the interaction token has left",
            status, attempts);
    }

    // 1 s, 2 s, 4 s, each ±20 %.
    private static TimeSpan ServerErrorBackoff(int failures) =>
        TimeSpan.FromSeconds(Math.Pow(2, failures - 1) * (0.8 + (0.4 * Random.Shared.NextDouble())));

    private static string ScopeName(DiscordRateLimitScope scope) => scope switch
    {
        DiscordRateLimitScope.Global => "global",
        DiscordRateLimitScope.Shared => "shared",
        _ => "user",
    };

    // rate-limits.mdx, "Header Format" and "Exceeding A Rate Limit": X-RateLimit-Scope says whose limit it is;
    // X-RateLimit-Global or the body's "global" also mark the global one (a 429 from a proxy may carry neither).
    private static async Task<(TimeSpan RetryAfter, DiscordRateLimitScope Scope)> ReadRateLimitAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var scopeHeader = response.Headers.TryGetValues("X-RateLimit-Scope", out var sc) ? sc.FirstOrDefault() : null;
        var global = string.Equals(scopeHeader, "global", StringComparison.OrdinalIgnoreCase)
            || (response.Headers.TryGetValues("X-RateLimit-Global", out var g)
                && string.Equals(g.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase));
        double? seconds = null;
        try
        {
            var body = await response.Content.ReadFromJsonAsync(Json.RateLimitedDto, cancellationToken);
            if (body is not null)
            {
                seconds = body.RetryAfterSeconds;
                global |= body.Global;
            }
        }
        catch (JsonException)
        {
            // A 429 from Cloudflare has no JSON body; the Retry-After header still says how long.
        }

        if (seconds is null && response.Headers.TryGetValues("Retry-After", out var header)
            && double.TryParse(header.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            seconds = parsed;
        }

        var scope = global ? DiscordRateLimitScope.Global
            : string.Equals(scopeHeader, "shared", StringComparison.OrdinalIgnoreCase) ? DiscordRateLimitScope.Shared
            : DiscordRateLimitScope.User;
        return (TimeSpan.FromSeconds(Math.Clamp(seconds ?? 1, 0, 3600)), scope);
    }

    private static async Task<DiscordApiException> ErrorAsync(
        DiscordRoute route, HttpResponseMessage response, int attempt, CancellationToken cancellationToken)
    {
        ApiErrorDto? error = null;
        try
        {
            error = await response.Content.ReadFromJsonAsync(Json.ApiErrorDto, cancellationToken);
        }
        catch (JsonException)
        {
            // Not every error (proxies, Cloudflare) has Discord's JSON body.
        }

        // 50035 Invalid Form Body says in "errors" which field broke which limit; keep it for the log.
        var errors = error?.Errors is { ValueKind: JsonValueKind.Object } detail ? detail.GetRawText() : null;
        return new DiscordApiException(response.StatusCode, error?.Code ?? 0, route.ToString(), error?.Message, attempt, errors);
    }

    private static HttpContent JsonContent<T>(T value, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static HttpContent MessageContent(MessagePayloadDto payload, IReadOnlyList<DiscordFile>? files)
    {
        if (files is not { Count: > 0 })
        {
            return JsonContent(payload, Json.MessagePayloadDto);
        }

        // Discord matches files[n] to attachments[].id = n; name them unless the caller already did.
        var named = payload.Attachments is { Count: > 0 }
            ? payload
            : payload with { Attachments = files.Select((f, i) => new AttachmentReferenceDto(i, f.FileName)).ToList() };
        var multipart = new MultipartFormDataContent();
        multipart.Add(JsonContent(named, Json.MessagePayloadDto), "payload_json");
        for (var i = 0; i < files.Count; i++)
        {
            var file = new ReadOnlyMemoryContent(files[i].Content);
            file.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
            multipart.Add(file, $"files[{i}]", files[i].FileName);
        }

        return multipart;
    }
}
