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
    private static readonly DiscordJsonContext Json = DiscordJsonContext.Default;

    /// <summary><c>GET /gateway/bot</c>: where to connect and how many sessions may start.</summary>
    public async Task<GatewayBotDto> GetGatewayBotAsync(CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Get, "/gateway/bot", "");
        return await SendAsync(route, "gateway/bot", content: null, Json.GatewayBotDto, cancellationToken);
    }

    /// <summary>
    /// Replaces the application's slash commands with <paramref name="commands"/>: globally, or in one server when
    /// <paramref name="guildId"/> is set (guild commands update instantly; global ones can take a while to show).
    /// </summary>
    public async Task<IReadOnlyList<ApplicationCommandDto>> OverwriteCommandsAsync(
        string applicationId, string? guildId, IReadOnlyList<ApplicationCommandDto> commands, CancellationToken cancellationToken)
    {
        var (route, path) = guildId is null
            ? (new DiscordRoute(HttpMethod.Put, "/applications/{application}/commands", ""),
                $"applications/{applicationId}/commands")
            : (new DiscordRoute(HttpMethod.Put, "/applications/{application}/guilds/{guild}/commands", guildId),
                $"applications/{applicationId}/guilds/{guildId}/commands");
        return await SendAsync(
            route, path, () => JsonContent(commands, Json.IReadOnlyListApplicationCommandDto),
            Json.IReadOnlyListApplicationCommandDto, cancellationToken);
    }

    /// <summary>
    /// <c>POST /interactions/{id}/{token}/callback</c>: the first answer, due within 3 seconds (type 5 defers it; the
    /// token then allows edits for 15 minutes). Not subject to the global limit.
    /// </summary>
    public async Task RespondAsync(
        string interactionId, string interactionToken, InteractionResponseDto response, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Post, "/interactions/{interaction}/{token}/callback", interactionId);
        using var _ = await SendCoreAsync(
            route, $"interactions/{interactionId}/{interactionToken}/callback",
            () => JsonContent(response, Json.InteractionResponseDto), exemptFromGlobal: true, cancellationToken);
    }

    /// <summary>
    /// <c>PATCH /webhooks/{application}/{token}/messages/@original</c>: edits the (deferred) interaction response, as JSON
    /// or, with <paramref name="files"/>, as multipart (<c>payload_json</c> + <c>files[n]</c>).
    /// </summary>
    public Task<MessageDto> EditOriginalResponseAsync(
        string applicationId, string interactionToken, MessagePayloadDto payload, IReadOnlyList<DiscordFile>? files,
        CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(
            HttpMethod.Patch, "/webhooks/{application}/{token}/messages/@original", $"{applicationId}/{interactionToken}");
        return SendAsync(
            route, $"webhooks/{applicationId}/{interactionToken}/messages/@original",
            () => MessageContent(payload, files), Json.MessageDto, cancellationToken);
    }

    /// <summary><c>DELETE /webhooks/{application}/{token}/messages/@original</c>: removes the (deferred) response.</summary>
    public async Task DeleteOriginalResponseAsync(
        string applicationId, string interactionToken, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(
            HttpMethod.Delete, "/webhooks/{application}/{token}/messages/@original", $"{applicationId}/{interactionToken}");
        using var _ = await SendCoreAsync(
            route, $"webhooks/{applicationId}/{interactionToken}/messages/@original", content: null,
            exemptFromGlobal: false, cancellationToken);
    }

    /// <summary><c>POST /webhooks/{application}/{token}</c>: one more message for the interaction.</summary>
    public Task<MessageDto> CreateFollowupMessageAsync(
        string applicationId, string interactionToken, MessagePayloadDto payload, IReadOnlyList<DiscordFile>? files,
        CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Post, "/webhooks/{application}/{token}", $"{applicationId}/{interactionToken}");
        return SendAsync(
            route, $"webhooks/{applicationId}/{interactionToken}", () => MessageContent(payload, files), Json.MessageDto,
            cancellationToken);
    }

    /// <summary><c>POST /channels/{channel}/messages</c>: a message in a channel (weekly summaries).</summary>
    public Task<MessageDto> CreateChannelMessageAsync(
        string channelId, MessagePayloadDto payload, IReadOnlyList<DiscordFile>? files, CancellationToken cancellationToken)
    {
        var route = new DiscordRoute(HttpMethod.Post, "/channels/{channel}/messages", channelId);
        return SendAsync(
            route, $"channels/{channelId}/messages", () => MessageContent(payload, files), Json.MessageDto, cancellationToken);
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
        using var response = await SendCoreAsync(route, path, content, exemptFromGlobal: false, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonSerializer.DeserializeAsync(body, responseType, cancellationToken)
            ?? throw new DiscordApiException(response.StatusCode, 0, route.ToString(), "empty response body");
    }

    // The one request path. The content factory builds a fresh body for each attempt.
    private async Task<HttpResponseMessage> SendCoreAsync(
        DiscordRoute route, string path, Func<HttpContent>? content, bool exemptFromGlobal,
        CancellationToken cancellationToken)
    {
        var token = options.Value.BotToken
            ?? throw new InvalidOperationException("Discord:BotToken is not set; the Discord client cannot be used.");
        var uri = new Uri($"{options.Value.ApiBaseUrl.TrimEnd('/')}/{path}");
        for (var attempt = 0; ; attempt++)
        {
            TimeSpan wait;
            while ((wait = rateLimiter.Acquire(route, exemptFromGlobal)) > TimeSpan.Zero)
            {
                logger.LogDebug("Waiting {Delay} for the Discord rate limit of {Route}", wait, route);
                await Task.Delay(wait, time, cancellationToken);
            }

            using var request = new HttpRequestMessage(route.Method, uri) { Content = content?.Invoke() };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token);
            request.Headers.UserAgent.ParseAdd(UserAgent);
            var response = await http.SendAsync(request, cancellationToken);
            rateLimiter.Observe(route, response);
            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    throw await ErrorAsync(route, response, cancellationToken);
                }

                var (retryAfter, global) = await ReadRateLimitAsync(response, cancellationToken);
                rateLimiter.LimitExceeded(route, retryAfter, global);
                if (attempt >= MaxRateLimitRetries)
                {
                    throw new DiscordApiException(response.StatusCode, 0, route.ToString(), "still rate limited after retries");
                }

                logger.LogWarning(
                    "Discord rate limited {Route} (global: {Global}); retrying after {RetryAfter}", route, global, retryAfter);
            }
        }
    }

    private static async Task<(TimeSpan RetryAfter, bool Global)> ReadRateLimitAsync(
        HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var global = response.Headers.TryGetValues("X-RateLimit-Global", out var g)
            && string.Equals(g.FirstOrDefault(), "true", StringComparison.OrdinalIgnoreCase);
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

        return (TimeSpan.FromSeconds(Math.Clamp(seconds ?? 1, 0, 3600)), global);
    }

    private static async Task<DiscordApiException> ErrorAsync(
        DiscordRoute route, HttpResponseMessage response, CancellationToken cancellationToken)
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

        return new DiscordApiException(response.StatusCode, error?.Code ?? 0, route.ToString(), error?.Message);
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
