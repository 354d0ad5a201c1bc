using System.Net;
using System.Text.Json;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Web;

/// <summary>The /web link, its session cookie and the dashboard API over real HTTP on Kestrel (127.0.0.1).</summary>
public sealed class WebSessionTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");
    private static readonly ChatIdentity Bob = new(ChatIdentity.Discord, "2002");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_link_opens_once_into_a_cookie_session_and_leaves_no_secret_in_the_address()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var link = host.Get<WebLinks>().CreateLink(Alice);

        using var opened = await host.Browser.GetAsync(link, Ct);
        using var reused = await host.Browser.GetAsync(link, Ct);

        Assert.StartsWith(host.BaseUrl + WebLinks.OpenPath + "?t=", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal(WebEndpoints.DashboardPath, opened.Headers.Location?.OriginalString);
        var cookie = Assert.Single(opened.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(WebSessions.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=43200", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Gone, reused.StatusCode);
        Assert.Contains("expired or was already used", await reused.Content.ReadAsStringAsync(Ct));
        Assert.False(reused.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_expired_or_forged_link_is_refused()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var links = host.Get<WebLinks>();
        var late = links.CreateLink(Alice);
        host.Time.Advance(TimeSpan.FromMinutes(15));
        var fresh = links.CreateLink(Alice);

        using var expired = await host.Browser.GetAsync(late, Ct);
        using var forged = await host.Browser.GetAsync(fresh[..^4] + "AAAA", Ct);
        using var missing = await host.Browser.GetAsync(host.BaseUrl + WebLinks.OpenPath, Ct);
        using var good = await host.Browser.GetAsync(fresh, Ct);

        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_secure_when_the_public_address_is_https()
    {
        await using var host = await SpotifyTestHost.StartAsync(new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = "https://music.example.org/" });
        var link = host.Get<WebLinks>().CreateLink(Alice);

        using var opened = await host.Browser.GetAsync(host.BaseUrl + link["https://music.example.org".Length..], Ct);

        Assert.StartsWith("https://music.example.org/web/open?t=", link, StringComparison.Ordinal);
        Assert.Contains("secure", Assert.Single(opened.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_dashboard_api_answers_the_signed_in_user_only_with_the_stats_numbers_per_period()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var store = host.Get<IPlayStore>();
        await store.InsertAsync(Plays.For(Alice.LocalUserId).Starting(SpotifyTestHost.Start.AddDays(-2)).Count(5).Tracks(3, 2).Build(), Ct);
        await store.InsertAsync(Plays.For(Alice.LocalUserId).Starting(SpotifyTestHost.Start.AddYears(-1)).Count(20).MsPlayed(60_000).Build(), Ct);
        await store.InsertAsync(Plays.For(Bob.LocalUserId).Starting(SpotifyTestHost.Start.AddDays(-1)).Count(7).Build(), Ct);
        var alice = await SignInAsync(host, Alice);
        var bob = await SignInAsync(host, Bob);

        var aliceWeek = await GetJsonAsync(host, alice, "week");
        var aliceAll = await GetJsonAsync(host, alice, "all");
        var bobAll = await GetJsonAsync(host, bob, "all");
        var bobNamingAlice = await GetJsonAsync(host, bob, $"all&userId={Uri.EscapeDataString(Alice.LocalUserId)}&user={Uri.EscapeDataString(Alice.LocalUserId)}");
        using var anonymous = await host.Browser.GetAsync(host.BaseUrl + WebEndpoints.DashboardApiPath + "?period=all", Ct);
        using var badPeriod = await SendAsync(host, alice, WebEndpoints.DashboardApiPath + "?period=fortnight");

        Assert.Equal(5, aliceWeek.GetProperty("totalPlays").GetInt32());
        Assert.Equal(5 * 180_000, aliceWeek.GetProperty("listeningMs").GetInt64());
        Assert.Equal(25, aliceAll.GetProperty("totalPlays").GetInt32());
        Assert.Equal((5 * 180_000) + (20 * 60_000), aliceAll.GetProperty("listeningMs").GetInt64());
        var topTrack = aliceWeek.GetProperty("topTracks")[0];
        Assert.Equal("Track 0", topTrack.GetProperty("name").GetString());
        Assert.Equal(2, topTrack.GetProperty("plays").GetInt32());
        Assert.Equal(360_000, topTrack.GetProperty("listeningMs").GetInt64());
        Assert.Equal(2, aliceWeek.GetProperty("topArtists").GetArrayLength());
        Assert.True(aliceWeek.GetProperty("topAlbums").GetArrayLength() > 0);
        Assert.Equal(7, bobAll.GetProperty("totalPlays").GetInt32());
        Assert.Equal(7, bobNamingAlice.GetProperty("totalPlays").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.Contains("error", await badPeriod.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task The_dashboard_page_shows_the_period_with_security_headers_and_expires_with_the_session()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        await host.Get<IPlayStore>().InsertAsync(Plays.For(Alice.LocalUserId).Starting(SpotifyTestHost.Start.AddDays(-2)).Count(4).Build(), Ct);
        var alice = await SignInAsync(host, Alice);

        using var page = await SendAsync(host, alice, WebEndpoints.DashboardPath + "?period=week");
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var chart = await SendAsync(host, alice, "/web/charts/daily.png?period=week");
        host.Time.Advance(TimeSpan.FromHours(12));
        using var expired = await SendAsync(host, alice, WebEndpoints.DashboardPath);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<strong id=\"total-plays\">4</strong>", html);
        Assert.Contains("Track 0", html);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Assert.Single(page.Headers.GetValues("X-Content-Type-Options")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/png", chart.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task Forgetting_a_person_ends_their_web_sessions_and_keeps_the_others()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        await host.Get<IPlayStore>().InsertAsync(Plays.For(Bob.LocalUserId).Starting(SpotifyTestHost.Start.AddDays(-1)).Count(3).Build(), Ct);
        var alice = await SignInAsync(host, Alice);
        var bob = await SignInAsync(host, Bob);

        await host.Get<Core.Accounts.AccountLifecycleService>().ForgetAsync(Alice, Ct);
        using var aliceAfter = await SendAsync(host, alice, WebEndpoints.DashboardApiPath + "?period=all");
        var bobAfter = await GetJsonAsync(host, bob, "all");

        Assert.Equal(HttpStatusCode.Unauthorized, aliceAfter.StatusCode);
        Assert.Equal(3, bobAfter.GetProperty("totalPlays").GetInt32());
    }

    /// <summary>Opens a fresh /web link and returns the session cookie it set.</summary>
    internal static async Task<string> SignInAsync(SpotifyTestHost host, ChatIdentity identity)
    {
        using var opened = await host.Browser.GetAsync(host.Get<WebLinks>().CreateLink(identity), Ct);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        return Assert.Single(opened.Headers.GetValues("Set-Cookie")).Split(';')[0];
    }

    internal static async Task<HttpResponseMessage> SendAsync(SpotifyTestHost host, string cookie, string pathAndQuery, HttpMethod? method = null, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, host.BaseUrl + pathAndQuery) { Content = content };
        request.Headers.Add("Cookie", cookie);
        return await host.Browser.SendAsync(request, Ct);
    }

    private static async Task<JsonElement> GetJsonAsync(SpotifyTestHost host, string cookie, string period)
    {
        using var response = await SendAsync(host, cookie, WebEndpoints.DashboardApiPath + "?period=" + period);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }
}
