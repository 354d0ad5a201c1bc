using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// CSRF protection for every state-changing request of the personal page: a form carries the session's token in a
/// hidden field (<see cref="TokenField"/>), a script sends it in the <see cref="TokenHeader"/> header, and
/// <see cref="IsGenuine"/> checks it, in constant time, together with the Origin (or Referer) the browser sends.
/// The session cookie is SameSite=Lax already; the token is the defence that does not depend on the browser.
/// </summary>
public static class WebForms
{
    public const string TokenFieldName = "csrf";

    public const string TokenHeader = "X-CSRF-Token";

    /// <summary>The hidden input to put inside every <c>&lt;form method="post"&gt;</c>.</summary>
    public static string TokenField(WebSession session) =>
        $"<input type=\"hidden\" name=\"{TokenFieldName}\" value=\"{HtmlEncoder.Default.Encode(session.CsrfToken)}\">";

    /// <summary>
    /// True when the request carries <paramref name="session"/>'s token (header, or form field for form posts) and,
    /// when the browser names an origin, it is this host's. Reads the form only for form content types, so an upload
    /// body streamed by the endpoint is left alone when the header is used.
    /// </summary>
    public static async Task<bool> IsGenuine(HttpContext http, WebSession session, CancellationToken cancellationToken)
    {
        string? sent = http.Request.Headers[TokenHeader];
        if (string.IsNullOrEmpty(sent) && http.Request.HasFormContentType && SameOrigin(http.Request, http.RequestServices.GetRequiredService<WebLinks>().BaseUrl()))
        {
            var form = await http.Request.ReadFormAsync(cancellationToken);
            sent = form[TokenFieldName];
        }

        return IsGenuineToken(http, session, sent);
    }

    /// <summary>
    /// The same check for a token the endpoint read itself: the first field of a multipart upload it streams
    /// (a form read would buffer the file).
    /// </summary>
    public static bool IsGenuineToken(HttpContext http, WebSession session, string? sent) =>
        SameOrigin(http.Request, http.RequestServices.GetRequiredService<WebLinks>().BaseUrl())
        && !string.IsNullOrEmpty(sent)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(session.CsrfToken));

    // OWASP CSRF cheat sheet, "Verifying Origin With Standard Headers": a present Origin (else Referer) must name our
    // host, as the request reached us or as the public address a reverse proxy serves (Web:PublicBaseUrl).
    private static bool SameOrigin(HttpRequest request, string publicBaseUrl)
    {
        string? source = request.Headers.Origin;
        if (string.IsNullOrEmpty(source))
        {
            source = request.Headers.Referer;
        }

        if (string.IsNullOrEmpty(source))
        {
            return true;
        }

        if (!Uri.TryCreate(source, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            || (Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var site) && string.Equals(uri.Authority, site.Authority, StringComparison.OrdinalIgnoreCase));
    }
}
