using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// The personal page: <c>/web/open</c> spends a <c>/web</c> link and starts a session, <c>/web</c> is the
/// dashboard, <c>/api/stats/dashboard</c> its JSON. Every answer is for the session's own chat identity
/// only: no route takes a user id, so no id can be changed to reach someone else's data.
/// </summary>
public static class WebEndpoints
{
    public const string DashboardPath = "/web";

    public const string DashboardApiPath = "/api/stats/dashboard";

    /// <summary>How many of the newest imports the dashboard lists (the upload page lists them all).</summary>
    private const int DashboardImports = 5;

    public static IEndpointRouteBuilder MapWebEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(WebLinks.OpenPath, Open);
        endpoints.MapGet(DashboardPath, DashboardPageAsync);
        endpoints.MapGet(DashboardApiPath, DashboardApiAsync);
        endpoints.MapGet("/web/charts/{chart}.png", ChartAsync);
        endpoints.MapWebAssets();
        endpoints.MapWebUploadEndpoints();
        endpoints.MapWebAccountEndpoints();
        return endpoints;
    }

    /// <summary>The session of the request's cookie, or null.</summary>
    public static WebSession? FindSession(HttpContext http) =>
        http.RequestServices.GetRequiredService<WebSessions>().Find(http.Request.Cookies[WebSessions.CookieName]);

    private static IResult Open(string? t, string? to, HttpContext http, WebLinks links, WebSessions sessions, TimeProvider time, ILoggerFactory loggers)
    {
        var identity = links.Open(t);
        if (identity is null)
        {
            loggers.CreateLogger(typeof(WebEndpoints)).LogInformation("A /web link was refused: expired, used or not ours");
            return Html(
                WebPageRenderer.Message("Link expired", "This link has expired or was already used. Send /web in your chat for a new one."),
                StatusCodes.Status410Gone);
        }

        var session = sessions.Start(identity);
        var secure = http.Request.IsHttps || links.BaseUrl().StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        http.Response.Cookies.Append(WebSessions.CookieName, session.Id, new CookieOptions
        {
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            Expires = session.ExpiresAt,
            // Max-Age wins over Expires (RFC 6265 §5.3 step 3) and is relative: a browser whose clock is off still keeps the cookie.
            MaxAge = session.ExpiresAt - time.GetUtcNow(),
        });

        // The token leaves the address bar: the dashboard's URL carries nothing secret.
        return Results.Redirect(to == WebUploadEndpoints.OpenTarget ? WebUploadEndpoints.UploadPath : DashboardPath);
    }

    private static async Task<IResult> DashboardPageAsync(
        string? period, HttpContext http, AccountLifecycleService accounts, StatsService stats, IImportJobStore jobs)
    {
        if (FindSession(http) is not { } session)
        {
            return SignedOut();
        }

        var user = await accounts.GetUserAsync(session.Identity, http.RequestAborted);
        Period parsed;
        try
        {
            parsed = ParsePeriod(stats, period, user);
        }
        catch (PeriodParseException ex)
        {
            return Html(WebPageRenderer.Message("Unknown period", ex.Message), StatusCodes.Status400BadRequest);
        }

        var dashboard = await Dashboard.LoadAsync(stats, user.SpotifyId, parsed, http.RequestAborted);
        var recent = await stats.GetRecentAsync(user.SpotifyId, 10, http.RequestAborted);
        var imports = (await jobs.ListForUserAsync(user.SpotifyId, http.RequestAborted))
            .OrderByDescending(j => j.CreatedAt)
            .Take(DashboardImports)
            .ToList();
        return Html(WebPageRenderer.Dashboard(dashboard, period, recent, imports), StatusCodes.Status200OK);
    }

    private static async Task<IResult> DashboardApiAsync(string? period, HttpContext http, AccountLifecycleService accounts, StatsService stats)
    {
        if (FindSession(http) is not { } session)
        {
            return Results.Json(new WebError("Not signed in: send /web in your chat for a link."), WebJsonContext.Default.WebError, statusCode: StatusCodes.Status401Unauthorized);
        }

        var user = await accounts.GetUserAsync(session.Identity, http.RequestAborted);
        try
        {
            var parsed = ParsePeriod(stats, period, user);
            return Results.Json(await Dashboard.LoadAsync(stats, user.SpotifyId, parsed, http.RequestAborted), WebJsonContext.Default.Dashboard);
        }
        catch (PeriodParseException ex)
        {
            return Results.Json(new WebError(ex.Message), WebJsonContext.Default.WebError, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private static async Task<IResult> ChartAsync(string chart, string? period, HttpContext http, AccountLifecycleService accounts, StatsService stats)
    {
        var charts = http.RequestServices.GetService<ChartRenderer>();
        if (FindSession(http) is not { } session || charts is null || chart is not ("daily" or "clock"))
        {
            return Results.NotFound();
        }

        var user = await accounts.GetUserAsync(session.Identity, http.RequestAborted);
        Period parsed;
        try
        {
            parsed = ParsePeriod(stats, period, user);
        }
        catch (PeriodParseException)
        {
            return Results.BadRequest();
        }

        var header = new ChartHeader(user.DisplayName ?? "You", parsed.Label);
        var png = chart == "daily"
            ? charts.RenderDailyListening(await stats.GetDailyListeningAsync([user.SpotifyId], parsed, http.RequestAborted), header)
            : charts.RenderListeningClock(await stats.GetListeningClockAsync([user.SpotifyId], parsed, http.RequestAborted), header);
        return Results.File(png, "image/png");
    }

    /// <summary>The asked period in the person's time zone; none asked (the page right after sign-in) is <see cref="Periods.Default"/>.</summary>
    private static Period ParsePeriod(StatsService stats, string? period, User user) =>
        stats.ParsePeriod(string.IsNullOrWhiteSpace(period) ? Periods.Default : period, user.TimeZone);

    private static IResult SignedOut() =>
        Html(WebPageRenderer.Message("Not signed in", "Send /web in your chat for a personal link."), StatusCodes.Status401Unauthorized);

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
