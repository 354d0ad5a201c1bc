using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// The account page of the signed-in chat identity: Spotify link state with link (the same flow as /link, confirmed in
/// the chat) and unlink, time zone, private weekly summary, the data exports and forget. Each action calls the Core
/// service its chat command calls. Every POST needs the session (401) and a genuine form (<see cref="WebForms"/>, 403);
/// no route takes a user id.
/// </summary>
public static class WebAccountEndpoints
{
    private const string CsvContentType = "text/csv; charset=utf-8; header=present";

    public const string AccountPath = "/web/account";
    public const string LinkPath = AccountPath + "/link";
    public const string UnlinkPath = AccountPath + "/unlink";
    public const string TimeZonePath = AccountPath + "/timezone";
    public const string WeeklyPath = AccountPath + "/weekly";
    public const string ForgetPath = AccountPath + "/forget";
    public const string ExportJsonPath = "/web/export.json";
    public const string ExportCsvPath = "/web/export.csv";
    public const string ExportEpisodesJsonPath = "/web/export-episodes.json";
    public const string ExportEpisodesCsvPath = "/web/export-episodes.csv";

    public static IEndpointRouteBuilder MapWebAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(AccountPath, AccountPageAsync);
        endpoints.MapGet(ForgetPath, ConfirmForget);
        endpoints.MapGet(ExportJsonPath, ExportJson);
        endpoints.MapGet(ExportCsvPath, ExportCsv);
        endpoints.MapGet(ExportEpisodesJsonPath, ExportEpisodesJson);
        endpoints.MapGet(ExportEpisodesCsvPath, ExportEpisodesCsv);

        var forms = endpoints.MapGroup(string.Empty).AddEndpointFilter(RequireGenuineFormAsync);
        forms.MapPost(LinkPath, Link);
        forms.MapPost(UnlinkPath, UnlinkAsync);
        forms.MapPost(TimeZonePath, SetTimeZoneAsync);
        // A Delegate, not a RequestDelegate: its only parameter is the HttpContext, and the IResult must be written.
        forms.MapPost(WeeklyPath, (Delegate)SetWeeklyAsync);
        forms.MapPost(ForgetPath, ForgetAsync);
        return endpoints;
    }

    private static async Task<IResult> AccountPageAsync(string? done, HttpContext http, AccountLifecycleService accounts)
    {
        if (WebEndpoints.FindSession(http) is not { } session)
        {
            return SignedOut();
        }

        var account = await LoadAsync(http, accounts, session.Identity);
        return Html(AccountPageRenderer.Account(account, session, done, error: null), StatusCodes.Status200OK);
    }

    private static IResult ConfirmForget(HttpContext http) =>
        WebEndpoints.FindSession(http) is { } session
            ? Html(AccountPageRenderer.ConfirmForget(session), StatusCodes.Status200OK)
            : SignedOut();

    private static IResult ExportJson(HttpContext http, AccountLifecycleService accounts, TimeProvider time) =>
        Download(http, "application/json; charset=utf-8", "spotifylocal-plays.json", (session, body, ct) =>
            PlayExportWriter.WriteJsonAsync(accounts.ReadPlaysAsync(session.Identity, ct), time.GetUtcNow(), body, ct));

    private static IResult ExportCsv(HttpContext http, AccountLifecycleService accounts) =>
        Download(http, CsvContentType, "spotifylocal-plays.csv", (session, body, ct) =>
            PlayExportWriter.WriteCsvAsync(accounts.ReadPlaysAsync(session.Identity, ct), body, ct));

    private static IResult ExportEpisodesJson(HttpContext http, AccountLifecycleService accounts, TimeProvider time) =>
        Download(http, "application/json; charset=utf-8", "spotifylocal-episodes.json", (session, body, ct) =>
            PlayExportWriter.WriteEpisodesJsonAsync(accounts.ReadEpisodesAsync(session.Identity, ct), time.GetUtcNow(), body, ct));

    private static IResult ExportEpisodesCsv(HttpContext http, AccountLifecycleService accounts) =>
        Download(http, CsvContentType, "spotifylocal-episodes.csv", (session, body, ct) =>
            PlayExportWriter.WriteEpisodesCsvAsync(accounts.ReadEpisodesAsync(session.Identity, ct), body, ct));

    /// <summary>A download of the session's own data, streamed into the response as <paramref name="write"/> produces it.</summary>
    private static IResult Download(HttpContext http, string contentType, string fileName, Func<WebSession, Stream, CancellationToken, Task> write) =>
        WebEndpoints.FindSession(http) is { } session
            ? Results.Stream(body => write(session, body, http.RequestAborted), contentType, fileName)
            : SignedOut();

    /// <summary>
    /// /link from the page: the same single-use authorize URL, bound to this chat identity. Safe to start here because the
    /// consent still links nothing until the chat identity confirms the named account in the chat.
    /// </summary>
    private static IResult Link(HttpContext http, AccountLifecycleService accounts)
    {
        if (!accounts.IsLinkingEnabled)
        {
            return Html(WebPageRenderer.Message("Linking is not set up", new Spotify.SpotifyNotConfiguredException().Message), StatusCodes.Status400BadRequest);
        }

        return SeeOther(http, accounts.RequestLink(SessionOf(http).Identity));
    }

    private static async Task<IResult> UnlinkAsync(HttpContext http, AccountLifecycleService accounts)
    {
        // Not the request's abort token: a closed tab must not stop the unlink between its two writes.
        var unlinked = await accounts.UnlinkAsync(SessionOf(http).Identity, CancellationToken.None);
        return SeeOther(http, AccountPath + (unlinked ? "?done=unlinked" : "?done=not-linked"));
    }

    private static async Task<IResult> SetTimeZoneAsync(HttpContext http, AccountLifecycleService accounts)
    {
        var session = SessionOf(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        try
        {
            await accounts.SetTimeZoneAsync(session.Identity, form["timeZone"].ToString(), http.RequestAborted);
        }
        catch (UserFacingException ex)
        {
            var account = await LoadAsync(http, accounts, session.Identity);
            return Html(AccountPageRenderer.Account(account, session, done: null, ex.Message), StatusCodes.Status400BadRequest);
        }

        return SeeOther(http, AccountPath + "?done=timezone");
    }

    private static async Task<IResult> SetWeeklyAsync(HttpContext http)
    {
        var identity = SessionOf(http).Identity;
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (WeeklySettingsFor(http, identity) is not { } settings)
        {
            return Html(WebPageRenderer.Message("No weekly summary here", "Private weekly summaries are sent in Telegram: send /weekly on to the bot in a private Telegram chat."), StatusCodes.Status400BadRequest);
        }

        var choice = form["weekly"].ToString();
        if (choice is not ("on" or "off"))
        {
            return Html(WebPageRenderer.Message("Weekly summary", "Choose on or off."), StatusCodes.Status400BadRequest);
        }

        await settings.SetWeeklyAsync(identity, choice == "on", http.RequestAborted);
        return SeeOther(http, AccountPath + "?done=weekly-" + choice);
    }

    private static async Task<IResult> ForgetAsync(HttpContext http, AccountLifecycleService accounts, WebLinks links)
    {
        var session = SessionOf(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (form["confirm"].ToString() != "yes")
        {
            return Html(AccountPageRenderer.ConfirmForget(session), StatusCodes.Status400BadRequest);
        }

        // Not the request's abort token: a closed tab must not stop a deletion half way. Ends every session of the person.
        var deleted = await accounts.ForgetAsync(session.Identity, CancellationToken.None);
        var secure = http.Request.IsHttps || links.BaseUrl().StartsWith("https:", StringComparison.OrdinalIgnoreCase);
        http.Response.Cookies.Delete(WebSessions.CookieName, new CookieOptions { Path = "/", HttpOnly = true, Secure = secure, SameSite = SameSiteMode.Lax });
        return Html(AccountPageRenderer.Goodbye(deleted), StatusCodes.Status200OK);
    }

    private static async Task<AccountOverview> LoadAsync(HttpContext http, AccountLifecycleService accounts, ChatIdentity identity)
    {
        var user = await accounts.GetUserAsync(identity, http.RequestAborted);
        var pending = accounts.FindConsent(identity) is { Outcome: LinkStepOutcome.Question, AccountName: { } name } ? name : null;
        bool? weekly = WeeklySettingsFor(http, identity) is { } settings ? await settings.IsWeeklyAsync(identity, http.RequestAborted) : null;
        return new AccountOverview(identity, user, accounts.IsLinkingEnabled, pending, weekly);
    }

    /// <summary>The weekly settings where a private summary can reach the identity: Telegram private chats (Discord gets server posts only).</summary>
    private static SummarySettingsService? WeeklySettingsFor(HttpContext http, ChatIdentity identity) =>
        identity.Platform == ChatIdentity.Telegram ? http.RequestServices.GetService<SummarySettingsService>() : null;

    /// <summary>Every POST here: a live session (else 401) and a form from our own page with its CSRF token (else 403).</summary>
    private static async ValueTask<object?> RequireGenuineFormAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (WebEndpoints.FindSession(http) is not { } session)
        {
            return SignedOut();
        }

        if (!await WebForms.IsGenuine(http, session, http.RequestAborted))
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebAccountEndpoints))
                .LogWarning("Refused a form post to {Path}: missing or wrong CSRF token, or another origin", http.Request.Path.Value);
            return Html(
                WebPageRenderer.Message("Form refused", "This form did not come from your page, or your session changed. Reload the page and try again."),
                StatusCodes.Status403Forbidden);
        }

        http.Items[typeof(WebSession)] = session;
        return await next(context);
    }

    private static WebSession SessionOf(HttpContext http) =>
        http.Items[typeof(WebSession)] as WebSession ?? throw new InvalidOperationException("A form endpoint ran without its session filter.");

    private static IResult SeeOther(HttpContext http, string location)
    {
        // 303: the browser follows with a GET, so a reload never posts the form again.
        http.Response.Headers.Location = location;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private static IResult SignedOut() =>
        Html(WebPageRenderer.Message("Not signed in", "Send /web in your chat for a personal link."), StatusCodes.Status401Unauthorized);

    private static IResult Html(string html, int status) => Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
