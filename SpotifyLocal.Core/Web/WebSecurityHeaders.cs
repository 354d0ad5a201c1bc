using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Spotify;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// The security headers of every answer the host gives (pages, API, charts, assets, errors): a Content Security
/// Policy that runs only our own scripts (<c>/web/static/*.js</c>) or inline ones carrying this request's
/// <see cref="NonceOf">nonce</see>, no sniffing, no referrer to other sites, no framing, and no caching unless an endpoint says so.
/// Set before the endpoint runs, so an endpoint with stricter needs (the OAuth callback) overwrites them.
/// </summary>
public static class WebSecurityHeaders
{
    private const string NonceKey = "SpotifyLocal.CspNonce";

    /// <summary>The request's CSP nonce: put it on an inline script as <c>&lt;script nonce="…"&gt;</c>.</summary>
    public static string NonceOf(HttpContext http)
    {
        if (http.Items[NonceKey] is string nonce)
        {
            return nonce;
        }

        nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        http.Items[NonceKey] = nonce;
        return nonce;
    }

    /// <summary>
    /// The policy for one request. Forms post to ourselves, and the Spotify link form's redirect may go on to
    /// Spotify's accounts service (browsers check <c>form-action</c> against redirects too).
    /// </summary>
    public static string ContentSecurityPolicy(string nonce, string? accountsOrigin) =>
        "default-src 'none'; "
        + $"script-src 'self' 'nonce-{nonce}'; "
        + "style-src 'self'; img-src 'self'; connect-src 'self'; "
        + $"form-action 'self'{(accountsOrigin is null ? string.Empty : " " + accountsOrigin)}; "
        + "base-uri 'none'; frame-ancestors 'none'";

    /// <summary>Sets the headers on a response that has not started.</summary>
    public static void Apply(HttpContext http)
    {
        var accounts = http.RequestServices.GetService<IOptions<SpotifyOptions>>()?.Value;
        string? accountsOrigin = null;
        if (accounts is { IsConfigured: true } && Uri.TryCreate(accounts.AccountsBaseUrl, UriKind.Absolute, out var accountsUrl))
        {
            accountsOrigin = accountsUrl.GetLeftPart(UriPartial.Authority);
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy(NonceOf(http), accountsOrigin);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" on its own form posts (Fetch
        // standard, "serializing a request origin"), so WebForms' origin check could not tell our pages from a stranger's.
        // Other sites still get nothing.
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
        headers.Pragma = "no-cache";
    }

    /// <summary>Puts <see cref="Apply"/> first in the pipeline, so no answer (not even a 404 or a 500) goes without them.</summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                Apply(http);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
