using System.Net;
using System.Text.RegularExpressions;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Web;

/// <summary>The headers every answer of the host carries, over real HTTP on Kestrel (127.0.0.1).</summary>
public sealed partial class WebSecurityHeadersTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_answer_is_uncached_unframed_unsniffed_sends_no_referrer_and_runs_only_our_scripts()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        string[] signedIn = [WebEndpoints.DashboardPath, WebEndpoints.DashboardApiPath + "?period=all", WebEndpoints.DashboardApiPath + "?period=nonsense", "/web/nothing-here"];
        string[] anonymous = [WebEndpoints.DashboardPath, WebEndpoints.DashboardApiPath, WebLinks.OpenPath + "?t=forged", "/health"];

        var answers = new List<HttpResponseMessage>();
        foreach (var path in signedIn)
        {
            answers.Add(await WebSessionTests.SendAsync(host, alice, path));
        }

        foreach (var path in anonymous)
        {
            answers.Add(await host.Browser.GetAsync(host.BaseUrl + path, Ct));
        }

        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.NotFound);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.BadRequest);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Unauthorized);
        foreach (var answer in answers)
        {
            var where = answer.RequestMessage!.RequestUri!.PathAndQuery;
            var csp = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("default-src 'none'", csp);
            Assert.Matches(ScriptSource(), csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", Assert.Single(answer.Headers.GetValues("Referrer-Policy")));
            Assert.True(answer.Headers.CacheControl?.NoStore, $"{where} is cacheable");
            answer.Dispose();
        }
    }

    [Fact]
    public async Task Each_answer_has_its_own_nonce_and_pages_carry_no_inline_script_or_style()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        using var first = await WebSessionTests.SendAsync(host, alice, WebEndpoints.DashboardPath);
        using var second = await WebSessionTests.SendAsync(host, alice, WebEndpoints.DashboardPath);
        var html = await first.Content.ReadAsStringAsync(Ct);
        using var stylesheet = await host.Browser.GetAsync(host.BaseUrl + WebAssets.StylesheetPath, Ct);
        using var unknownAsset = await host.Browser.GetAsync(host.BaseUrl + WebAssets.PathPrefix + "secrets.json", Ct);

        var nonce1 = ScriptSource().Match(Assert.Single(first.Headers.GetValues("Content-Security-Policy"))).Groups["nonce"].Value;
        var nonce2 = ScriptSource().Match(Assert.Single(second.Headers.GetValues("Content-Security-Policy"))).Groups["nonce"].Value;
        Assert.True(nonce1.Length >= 16);
        Assert.NotEqual(nonce1, nonce2);
        Assert.Contains("<meta name=\"viewport\"", html);
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{WebAssets.StylesheetPath}\">", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain(" style=", html);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
        Assert.Contains("@media", await stylesheet.Content.ReadAsStringAsync(Ct));
        Assert.Equal("nosniff", Assert.Single(stylesheet.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal(HttpStatusCode.NotFound, unknownAsset.StatusCode);
    }

    [Fact]
    public async Task The_link_form_may_go_on_to_spotifys_accounts_service_and_nowhere_else()
    {
        await using var host = await SpotifyTestHost.StartAsync();

        using var answer = await host.Browser.GetAsync(host.BaseUrl + WebEndpoints.DashboardPath, Ct);

        var csp = Assert.Single(answer.Headers.GetValues("Content-Security-Policy"));
        var formAction = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("form-action", StringComparison.Ordinal));
        Assert.Equal($"form-action 'self' {host.Spotify.BaseUrl.TrimEnd('/')}", formAction);
    }

    [GeneratedRegex("script-src 'self' 'nonce-(?<nonce>[A-Za-z0-9_-]+)'(;|$)")]
    private static partial Regex ScriptSource();
}
