using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// A loopback Spotify (accounts + Web API) on 127.0.0.1 with a free port, speaking the real wire format:
/// <c>/authorize</c> redirects like the consent screen, <c>/api/token</c> checks the form body and Basic auth,
/// <c>/v1/me</c> and <c>/v1/me/player/recently-played</c> with the 50-play window and exclusive
/// <c>after</c>/<c>before</c> cursors. Faults are queued with <see cref="Enqueue"/>. Time is the test's clock.
/// </summary>
public sealed class FakeSpotify : IAsyncDisposable
{
    public const string ClientId = "fake-client-id";
    public const string ClientSecret = "fake-client-secret";
    private const int Window = 50;

    /// <summary>
    /// Codes live 10 minutes: RFC 6749 §4.1.2 recommends it, and Spotify then answers <c>invalid_grant</c> "Authorization code
    /// expired" (spotify/web-api#676); single use per developer.spotify.com/documentation/web-api/tutorials/code-flow.
    /// </summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Every scope of developer.spotify.com/documentation/web-api/concepts/scopes; /authorize with any other answers
    /// <c>error=invalid_scope</c> to the redirect URI (RFC 6749 §4.1.2.1).
    /// </summary>
    public static readonly IReadOnlySet<string> KnownScopes = new HashSet<string>(StringComparer.Ordinal)
    {
        "ugc-image-upload", "user-read-playback-state", "user-modify-playback-state", "user-read-currently-playing",
        "app-remote-control", "streaming", "playlist-read-private", "playlist-read-collaborative", "playlist-modify-private",
        "playlist-modify-public", "user-follow-modify", "user-follow-read", "user-read-playback-position", "user-top-read",
        "user-read-recently-played", "user-library-modify", "user-library-read", "user-read-email", "user-read-private",
        "user-personalized", "user-soa-link", "user-soa-unlink", "soa-manage-entitlements", "soa-manage-partner", "soa-create-partner",
    };

    private readonly Lock _lock = new();
    private readonly WebApplication _app;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, FakeSpotifyAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string UserId, string RedirectUri, string Scope, DateTimeOffset IssuedAt, bool Used)> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string UserId, string Scope, DateTimeOffset ConsentedAt)> _refreshTokens = new(StringComparer.Ordinal);
    private readonly List<string> _redirectUris = [];
    private readonly Dictionary<string, (string UserId, DateTimeOffset ExpiresAt)> _accessTokens = new(StringComparer.Ordinal);
    private readonly List<(FakeSpotifyFault Fault, string? PathPrefix)> _faults = [];
    private readonly List<FakeSpotifyRequest> _requests = [];

    private FakeSpotify(WebApplication app, TimeProvider time)
    {
        _app = app;
        _time = time;
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The account that "logs in" on the next /authorize.</summary>
    public string? ConsentingUserId { get; set; }

    /// <summary>When true, /authorize redirects with <c>error=access_denied</c>.</summary>
    public bool DenyConsent { get; set; }

    /// <summary>When true, every refresh returns a new refresh token and revokes the old one.</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>Runs while a refresh request is in flight, before the token endpoint answers it.</summary>
    public Func<Task>? BeforeRefreshAnswer { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public int RetryAfterSeconds { get; set; } = 30;

    /// <summary>
    /// The raw <c>Retry-After</c> value of the next 429s, when set (an HTTP-date, a huge number, garbage); otherwise
    /// <see cref="RetryAfterSeconds"/>. RFC 9110 §10.2.3 allows delay-seconds or an HTTP-date.
    /// </summary>
    public string? RetryAfter { get; set; }

    /// <summary>A fault storm: each request gets a fault picked by this (seeded) function, or none when it returns null.</summary>
    public Func<FakeSpotifyFault?>? Storm { get; set; }

    public IReadOnlyList<FakeSpotifyRequest> Requests
    {
        get
        {
            lock (_lock)
            {
                return _requests.ToList();
            }
        }
    }

    public static async Task<FakeSpotify> StartAsync(TimeProvider time)
    {
        var app = LoopbackHost.Create();
        var fake = new FakeSpotify(app, time);
        app.MapGet("/authorize", (Delegate)fake.Authorize);
        app.MapPost("/api/token", (Delegate)fake.TokenAsync);
        app.MapGet("/v1/me", (Delegate)fake.Me);
        app.MapGet("/v1/me/player/recently-played", (Delegate)fake.RecentlyPlayed);
        fake.BaseUrl = await LoopbackHost.StartAsync(app);
        return fake;
    }

    /// <summary>
    /// Adds a redirect URI to the app's allow-list in the dashboard. /authorize refuses any other, compared byte for byte;
    /// only a loopback IP literal registered without a port accepts any port
    /// (developer.spotify.com/documentation/web-api/concepts/redirect_uri).
    /// </summary>
    public void RegisterRedirectUri(string uri)
    {
        lock (_lock)
        {
            _redirectUris.Add(uri);
        }
    }

    public FakeSpotifyAccount AddAccount(string id, string? displayName = null)
    {
        lock (_lock)
        {
            var account = new FakeSpotifyAccount(id, displayName ?? id);
            _accounts[id] = account;
            return account;
        }
    }

    /// <summary>
    /// Adds a play to the user's history; it is listed from <paramref name="listedAt"/> (default: when it ended) and
    /// written in the given <paramref name="shape"/>.
    /// </summary>
    public void AddPlay(
        string userId,
        string trackId,
        string trackName,
        string artistName,
        DateTimeOffset endedAt,
        int durationMs = 180_000,
        DateTimeOffset? listedAt = null,
        FakeSpotifyItemShape shape = FakeSpotifyItemShape.Track)
    {
        lock (_lock)
        {
            _accounts[userId].Plays.Add(new FakeSpotifyPlay(trackId, trackName, artistName, "Album of " + artistName, endedAt, durationMs, listedAt ?? endedAt, shape));
        }
    }

    /// <summary>The user revokes the app in their Spotify account settings: every refresh token dies.</summary>
    public void Revoke(string userId)
    {
        lock (_lock)
        {
            foreach (var token in _refreshTokens.Where(t => t.Value.UserId == userId).Select(t => t.Key).ToList())
            {
                _refreshTokens.Remove(token);
            }
        }
    }

    /// <summary>The next request whose path starts with <paramref name="pathPrefix"/> (any request when null) gets the fault.</summary>
    public void Enqueue(FakeSpotifyFault fault, string? pathPrefix = null, int times = 1)
    {
        lock (_lock)
        {
            for (var i = 0; i < times; i++)
            {
                _faults.Add((fault, pathPrefix));
            }
        }
    }

    public int Count(string path, string? grantType = null) =>
        Requests.Count(r => r.Path == path && (grantType is null || r.GrantType == grantType));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private IResult Authorize(HttpContext context)
    {
        var query = context.Request.Query;
        Record(context, null);
        // developer.spotify.com/documentation/web-api/tutorials/code-flow, "Request User Authorization": client_id,
        // response_type=code and a redirect_uri that "must exactly match one of the values you entered" are required. Spotify
        // cannot redirect to a URI it does not trust, so these errors are its own page, not a redirect.
        if (query["client_id"] != ClientId)
        {
            return Results.BadRequest("INVALID_CLIENT: Invalid client");
        }

        var redirect = query["redirect_uri"].ToString();
        if (!IsRegistered(redirect))
        {
            return Results.BadRequest("INVALID_CLIENT: Invalid redirect URI");
        }

        var state = Uri.EscapeDataString(query["state"].ToString());
        if (query["response_type"] != "code")
        {
            return Results.Redirect($"{redirect}?error=unsupported_response_type&state={state}");
        }

        // The scope is a space-separated list of developer.spotify.com/documentation/web-api/concepts/scopes; one unknown
        // name fails the request (RFC 6749 §4.1.2.1: error=invalid_scope on the redirect).
        var scope = query["scope"].ToString();
        if (scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(s => !KnownScopes.Contains(s)))
        {
            return Results.Redirect($"{redirect}?error=invalid_scope&error_description={Uri.EscapeDataString("Invalid scope")}&state={state}");
        }

        if (DenyConsent)
        {
            return Results.Redirect($"{redirect}?error=access_denied&state={state}");
        }

        var code = NewSecret("code");
        lock (_lock)
        {
            _codes[code] = (ConsentingUserId ?? throw new InvalidOperationException("Set ConsentingUserId first."), redirect, scope, _time.GetUtcNow(), false);
        }

        return Results.Redirect($"{redirect}?code={Uri.EscapeDataString(code)}&state={state}");
    }

    private bool IsRegistered(string redirect)
    {
        lock (_lock)
        {
            return _redirectUris.Any(registered => registered == redirect || LoopbackWithPort(registered, redirect));
        }
    }

    /// <summary>A loopback literal registered without a port matches the same URI with any port, and nothing else.</summary>
    private static bool LoopbackWithPort(string registered, string redirect)
    {
        foreach (var host in (string[])["http://127.0.0.1", "http://[::1]"])
        {
            if (registered.StartsWith(host + "/", StringComparison.Ordinal) && redirect.StartsWith(host + ":", StringComparison.Ordinal))
            {
                var rest = redirect[(host.Length + 1)..];
                var digits = rest.TakeWhile(char.IsAsciiDigit).Count();
                return digits > 0 && host + rest[digits..] == registered;
            }
        }

        return false;
    }

    private async Task<IResult> TokenAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType)
        {
            Record(context, null);
            return TokenError("unsupported_grant_type", "grant_type parameter is missing");
        }

        var form = await context.Request.ReadFormAsync();
        var grantType = form["grant_type"].ToString();
        Record(context, grantType);
        var fault = TakeFault(context);
        var afterGrant = fault is FakeSpotifyFault.AnswerLost or FakeSpotifyFault.ConnectionDropped;
        if (fault is { } other && !afterGrant)
        {
            return await ApplyAsync(other, context);
        }

        if (grantType == "refresh_token" && BeforeRefreshAnswer is { } beforeAnswer)
        {
            await beforeAnswer();
        }

        if (!HasClientCredentials(context.Request.Headers.Authorization.ToString()))
        {
            return TokenError("invalid_client", "Invalid client");
        }

        var answer = Grant(form, grantType);
        return afterGrant ? await ApplyAsync(fault!.Value, context) : answer;
    }

    private IResult Grant(IFormCollection form, string grantType)
    {
        lock (_lock)
        {
            switch (grantType)
            {
                case "authorization_code":
                    var code = form["code"].ToString();
                    if (!_codes.TryGetValue(code, out var grant) || grant.Used)
                    {
                        return TokenError("invalid_grant", "Invalid authorization code");
                    }

                    if (_time.GetUtcNow() - grant.IssuedAt >= CodeLifetime)
                    {
                        return TokenError("invalid_grant", "Authorization code expired");
                    }

                    // code-flow, "Request an access token": redirect_uri is "used for validation only (there is no actual
                    // redirection)" and must equal the one of the authorize request.
                    if (grant.RedirectUri != form["redirect_uri"].ToString())
                    {
                        return TokenError("invalid_grant", "Invalid redirect URI");
                    }

                    _codes[code] = grant with { Used = true };
                    var refresh = NewSecret("refresh");
                    _refreshTokens[refresh] = (grant.UserId, grant.Scope, grant.IssuedAt);
                    return TokenResponse(grant.UserId, grant.Scope, refresh);
                case "refresh_token":
                    var presented = form["refresh_token"].ToString();
                    if (!_refreshTokens.TryGetValue(presented, out var held))
                    {
                        return TokenError("invalid_grant", "Refresh token revoked");
                    }

                    // Refresh tokens die six months after the user's consent, and refreshing does not extend them
                    // (developer.spotify.com/blog/2026-06-18-refresh-token-expiration; PROTOCOLS.md §0.3).
                    if (_time.GetUtcNow() >= held.ConsentedAt.AddMonths(6))
                    {
                        // The description is not documented; clients must treat every invalid_grant on refresh as "link again".
                        return TokenError("invalid_grant", "Refresh token expired");
                    }

                    string? rotated = null;
                    if (RotateRefreshTokens)
                    {
                        _refreshTokens.Remove(presented);
                        rotated = NewSecret("refresh");
                        // A rotated token keeps the consent's clock: refreshing never extends the six months.
                        _refreshTokens[rotated] = held;
                    }

                    return TokenResponse(held.UserId, held.Scope, rotated);
                default:
                    return TokenError("unsupported_grant_type", "grant_type must be client_credentials, authorization_code or refresh_token");
            }
        }
    }

    private async Task<IResult> Me(HttpContext context)
    {
        Record(context, null);
        if (TakeFault(context) is { } fault)
        {
            return await ApplyAsync(fault, context);
        }

        var (account, failure) = Authenticate(context);
        if (failure is not null)
        {
            return failure;
        }

        return Results.Json(new Dictionary<string, object?>
        {
            ["id"] = account!.Id,
            ["account_id"] = account.AccountId,
            ["display_name"] = account.DisplayName,
            ["images"] = Array.Empty<object>(),
            ["type"] = "user",
            ["uri"] = "spotify:user:" + account.Id,
        });
    }

    private async Task<IResult> RecentlyPlayed(HttpContext context)
    {
        Record(context, null);
        if (TakeFault(context) is { } fault)
        {
            return await ApplyAsync(fault, context);
        }

        var (account, failure) = Authenticate(context);
        if (failure is not null)
        {
            return failure;
        }

        var query = context.Request.Query;
        var limit = query.ContainsKey("limit") ? int.Parse(query["limit"]!, CultureInfo.InvariantCulture) : 20;
        if (limit is < 1 or > 50 || (query.ContainsKey("after") && query.ContainsKey("before")))
        {
            return ApiError(400, "Invalid limit or both cursors");
        }

        List<FakeSpotifyPlay> window;
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            // Only the newest 50 listed plays are reachable; a late play is listed in its place by end time, so
            // it is reachable only while fewer than 50 newer plays are listed (web-api#1186).
            window = account!.Plays.Where(p => p.EndedAt <= now && p.ListedAt <= now).OrderByDescending(p => p.EndedAt).Take(Window).ToList();
        }

        IEnumerable<FakeSpotifyPlay> selected = window;
        if (query.ContainsKey("after"))
        {
            var after = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["after"]!, CultureInfo.InvariantCulture));
            // Spotify answers the oldest plays after the cursor first, still listed newest first.
            selected = window.Where(p => p.EndedAt > after).OrderBy(p => p.EndedAt).Take(limit).OrderByDescending(p => p.EndedAt);
        }
        else
        {
            if (query.ContainsKey("before"))
            {
                var before = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(query["before"]!, CultureInfo.InvariantCulture));
                selected = window.Where(p => p.EndedAt < before);
            }

            selected = selected.Take(limit);
        }

        var items = selected.ToList();
        var href = $"{BaseUrl}/v1/me/player/recently-played{context.Request.QueryString}";
        object? cursors = items.Count == 0
            ? null
            : new Dictionary<string, string>
            {
                ["after"] = items[0].EndedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ["before"] = items[^1].EndedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            };
        return Results.Json(new Dictionary<string, object?>
        {
            ["items"] = items.Select(ToItem).ToList(),
            ["next"] = items.Count == limit ? $"{BaseUrl}/v1/me/player/recently-played?before={items[^1].EndedAt.ToUnixTimeMilliseconds()}&limit={limit}" : null,
            ["cursors"] = cursors,
            ["limit"] = limit,
            ["href"] = href,
        });
    }

    private static Dictionary<string, object?> ToItem(FakeSpotifyPlay play)
    {
        var local = play.Shape == FakeSpotifyItemShape.LocalFile;
        var artistId = local ? null : "artist-" + Math.Abs(StringComparer.Ordinal.GetHashCode(play.ArtistName)).ToString("x8", CultureInfo.InvariantCulture);
        var albumId = local ? null : "album-" + Math.Abs(StringComparer.Ordinal.GetHashCode(play.AlbumName)).ToString("x8", CultureInfo.InvariantCulture);
        var artists = play.Shape == FakeSpotifyItemShape.NoArtists
            ? Array.Empty<Dictionary<string, object?>>()
            : [new Dictionary<string, object?> { ["id"] = artistId, ["name"] = play.ArtistName, ["uri"] = artistId is null ? null : "spotify:artist:" + artistId, ["type"] = "artist" }];
        // Local files: uri spotify:local:{artist}:{album}:{title}:{seconds}, each part URL-encoded with '+' for spaces.
        var localUri = $"spotify:local:{Local(play.ArtistName)}:{Local(play.AlbumName)}:{Local(play.TrackName)}:{play.DurationMs / 1000}";
        var track = play.Shape == FakeSpotifyItemShape.NullTrack ? null : new Dictionary<string, object?>
        {
            ["id"] = local ? null : play.TrackId,
            ["uri"] = local ? localUri : "spotify:track:" + play.TrackId,
            ["name"] = play.TrackName,
            ["duration_ms"] = play.DurationMs,
            ["explicit"] = false,
            ["is_local"] = local,
            ["type"] = "track",
            ["artists"] = artists,
            ["album"] = new Dictionary<string, object?> { ["id"] = albumId, ["name"] = play.AlbumName, ["uri"] = albumId is null ? null : "spotify:album:" + albumId, ["album_type"] = local ? null : "album", ["images"] = Array.Empty<object>() },
        };
        if (play.Shape == FakeSpotifyItemShape.Garbled && track is not null)
        {
            track["name"] = null;
            track["duration_ms"] = null;
            track["artists"] = null;
        }

        var format = play.Shape == FakeSpotifyItemShape.WholeSeconds ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
        return new Dictionary<string, object?>
        {
            ["track"] = track,
            ["played_at"] = play.EndedAt.UtcDateTime.ToString(format, CultureInfo.InvariantCulture),
            ["context"] = null,
        };
    }

    private static string Local(string part) => Uri.EscapeDataString(part).Replace("%20", "+", StringComparison.Ordinal);

    private (FakeSpotifyAccount? Account, IResult? Failure) Authenticate(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return (null, ApiError(401, "No token provided"));
        }

        lock (_lock)
        {
            if (!_accessTokens.TryGetValue(header["Bearer ".Length..], out var token))
            {
                return (null, ApiError(401, "Invalid access token"));
            }

            if (token.ExpiresAt <= _time.GetUtcNow())
            {
                return (null, ApiError(401, "The access token expired"));
            }

            var account = _accounts[token.UserId];
            return account.AllowListed
                ? (account, null)
                : (null, ApiError(403, "Check settings on developer.spotify.com/dashboard, the user may not be registered."));
        }
    }

    private IResult TokenResponse(string userId, string scope, string? refreshToken)
    {
        var access = NewSecret("access");
        _accessTokens[access] = (userId, _time.GetUtcNow() + AccessTokenLifetime);
        var body = new Dictionary<string, object?>
        {
            ["access_token"] = access,
            ["token_type"] = "Bearer",
            ["scope"] = scope,
            ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
        };
        if (refreshToken is not null)
        {
            body["refresh_token"] = refreshToken;
        }

        return Results.Json(body);
    }

    private static bool HasClientCredentials(string authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || header.Scheme != "Basic" || header.Parameter is null)
        {
            return false;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter)) == $"{ClientId}:{ClientSecret}";
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private FakeSpotifyFault? TakeFault(HttpContext context)
    {
        lock (_lock)
        {
            if (Storm?.Invoke() is { } storm)
            {
                return storm;
            }

            var index = _faults.FindIndex(f => f.PathPrefix is null || context.Request.Path.StartsWithSegments(f.PathPrefix));
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index].Fault;
            _faults.RemoveAt(index);
            return fault;
        }
    }

    private async Task<IResult> ApplyAsync(FakeSpotifyFault fault, HttpContext context)
    {
        switch (fault)
        {
            case FakeSpotifyFault.RateLimited:
                // developer.spotify.com/documentation/web-api/concepts/rate-limits: a 429 carries Retry-After.
                context.Response.Headers.RetryAfter = RetryAfter ?? RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ApiError(429, "API rate limit exceeded");
            case FakeSpotifyFault.QuotaExceeded:
                context.Response.Headers.RetryAfter = RetryAfter ?? RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Json(new { error = new { status = 429, message = "Too many requests", reason = "QUOTA_EXCEEDED" } }, statusCode: 429);
            case FakeSpotifyFault.ServerError:
                return ApiError(500, "Server error");
            case FakeSpotifyFault.BadGatewayHtml:
                return Results.Content("<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>", "text/html", statusCode: 502);
            case FakeSpotifyFault.UnavailablePlainText or FakeSpotifyFault.AnswerLost:
                return Results.Content("upstream connect error or disconnect/reset before headers. reset reason: connection termination", "text/plain", statusCode: 503);
            case FakeSpotifyFault.ConnectionDropped:
                context.Abort();
                return Results.Empty;
            case FakeSpotifyFault.ForbiddenOther:
                return ApiError(403, "Insufficient client scope");
            case FakeSpotifyFault.Timeout:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, as intended.
                }

                return Results.Empty;
            default:
                return ApiError(401, "The access token expired");
        }
    }

    private static IResult ApiError(int status, string message) =>
        Results.Json(new { error = new { status, message } }, statusCode: status);

    private static IResult TokenError(string error, string description) =>
        Results.Json(new { error, error_description = description }, statusCode: 400);

    private void Record(HttpContext context, string? grantType)
    {
        lock (_lock)
        {
            _requests.Add(new FakeSpotifyRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.QueryString.Value ?? string.Empty,
                grantType,
                context.Request.Headers.UserAgent.ToString(),
                _time.GetUtcNow()));
        }
    }

    private static string NewSecret(string prefix) => prefix + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
