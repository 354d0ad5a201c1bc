using System.Net;
using System.Net.Http.Headers;
using System.Text;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Spotify;

/// <summary>
/// Spotify's authorization rules (developer.spotify.com/documentation/web-api/tutorials/code-flow, …/concepts/redirect_uri,
/// …/concepts/scopes): the exact redirect URI, known scopes, codes that expire and are single use, refresh tokens that die
/// six months after consent — and how the bot answers each.
/// </summary>
public sealed class SpotifyAuthorizeRulesTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");
    private static readonly ChatIdentity Bob = new(ChatIdentity.Telegram, "1002");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_link_url_names_the_registered_redirect_uri_and_known_scopes_so_Spotify_redirects_back_with_a_code()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.ConsentingUserId = "alice";

        using var consent = await host.Browser.GetAsync(host.Get<AccountLifecycleService>().RequestLink(Alice), Ct);

        Assert.Equal(HttpStatusCode.Redirect, consent.StatusCode);
        Assert.StartsWith(host.CallbackUrl + "?code=", consent.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_redirect_uri_registered_without_a_port_accepts_the_bots_port()
    {
        await using var host = await SpotifyTestHost.StartAsync(registeredRedirectUri: callback => new UriBuilder(callback) { Port = -1 }.Uri.ToString());
        host.Spotify.AddAccount("alice");

        var (status, _) = await host.LinkAsync(Alice, "alice");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("alice", await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/callback")]
    public async Task A_redirect_uri_that_differs_from_the_registered_one_by_a_byte_is_refused_on_Spotifys_own_page(string appended)
    {
        // Registered with a trailing slash (or a doubled path) while the bot sends its callback as configured.
        await using var host = await SpotifyTestHost.StartAsync(registeredRedirectUri: callback => callback + appended);
        host.Spotify.AddAccount("alice");
        host.Spotify.ConsentingUserId = "alice";

        using var consent = await host.Browser.GetAsync(host.Get<AccountLifecycleService>().RequestLink(Alice), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, consent.StatusCode);
        Assert.Null(consent.Headers.Location);
        Assert.Contains("INVALID_CLIENT: Invalid redirect URI", await consent.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, host.Spotify.Count("/api/token"));
    }

    [Fact]
    public async Task An_unknown_scope_in_the_settings_shows_a_page_about_the_bots_setting_not_a_refused_consent()
    {
        await using var host = await SpotifyTestHost.StartAsync(new Dictionary<string, string?> { ["Spotify:Scopes"] = "user-read-recently-played user-read-history" });
        host.Spotify.AddAccount("alice");

        var (status, html) = await host.LinkAsync(Alice, "alice");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("invalid_scope", html);
        Assert.Contains("Spotify:Scopes", html);
        Assert.DoesNotContain("not granted", html);
        Assert.Equal(0, host.Spotify.Count("/api/token"));
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
    }

    [Fact]
    public async Task The_token_endpoint_refuses_a_redirect_uri_other_than_the_authorize_one_an_old_code_and_a_used_code()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.ConsentingUserId = "alice";

        var mismatched = await ExchangeAsync(host, await CodeAsync(host), host.CallbackUrl + "/");
        var code = await CodeAsync(host);
        host.Time.Advance(FakeSpotify.CodeLifetime);
        var expired = await ExchangeAsync(host, code, host.CallbackUrl);
        code = await CodeAsync(host);
        var first = await ExchangeAsync(host, code, host.CallbackUrl);
        var second = await ExchangeAsync(host, code, host.CallbackUrl);

        Assert.Equal((HttpStatusCode.BadRequest, "Invalid redirect URI"), (mismatched.Status, Description(mismatched.Body)));
        Assert.Equal((HttpStatusCode.BadRequest, "Authorization code expired"), (expired.Status, Description(expired.Body)));
        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Contains("\"scope\":\"user-read-recently-played\"", first.Body);
        Assert.Equal((HttpStatusCode.BadRequest, "Invalid authorization code"), (second.Status, Description(second.Body)));
    }

    [Fact]
    public async Task A_link_past_its_six_months_asks_only_that_user_to_link_again_and_tracking_goes_on_for_the_others()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.AddAccount("bob");
        host.Spotify.RotateRefreshTokens = true;
        await host.LinkAsync(Alice, "alice");
        var worker = host.Get<TrackingWorker>();
        host.Time.Advance(TimeSpan.FromDays(90));
        await host.LinkAsync(Bob, "bob");
        // Alice's token was refreshed (and rotated) on the way: refreshing does not extend the six months.
        await worker.RunOnceAsync(Ct);
        var death = RelinkReminderService.TokenDeath(SpotifyTestHost.Start);
        host.Time.Advance(death + TimeSpan.FromHours(1) - host.Time.GetUtcNow());
        host.Spotify.AddPlay("alice", "a", "A", "Band", host.Time.GetUtcNow().AddSeconds(-40));
        host.Spotify.AddPlay("bob", "b", "B", "Band", host.Time.GetUtcNow().AddSeconds(-40));
        host.Notifier.Discard(_ => true);

        await worker.RunOnceAsync(Ct);

        var notice = Assert.Single(host.Notifier.Sent);
        Assert.Equal(Alice, notice.To);
        Assert.Contains("/link", notice.Notice.Text);
        Assert.Equal(LinkState.NeedsRelink, (await host.Get<IUserStore>().GetAsync("alice", Ct))!.LinkState);
        Assert.DoesNotContain(await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct), p => p.TrackId == "spotify:track:a");
        Assert.Equal(LinkState.Linked, (await host.Get<IUserStore>().GetAsync("bob", Ct))!.LinkState);
        Assert.Equal("spotify:track:b", (await host.Get<IPlayStore>().GetRecentAsync("bob", 1, Ct)).Single().TrackId);
    }

    private static async Task<string> CodeAsync(SpotifyTestHost host)
    {
        using var consent = await host.Browser.GetAsync(host.Get<AccountLifecycleService>().RequestLink(Alice), Ct);
        var query = consent.Headers.Location!.Query.TrimStart('?').Split('&');
        return Uri.UnescapeDataString(query.Single(p => p.StartsWith("code=", StringComparison.Ordinal))["code=".Length..]);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ExchangeAsync(SpotifyTestHost host, string code, string redirectUri)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, host.Spotify.BaseUrl + "/api/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri)]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeSpotify.ClientId}:{FakeSpotify.ClientSecret}")));
        using var response = await host.Browser.SendAsync(request, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static string? Description(string body) =>
        System.Text.Json.JsonDocument.Parse(body).RootElement.TryGetProperty("error_description", out var description) ? description.GetString() : null;
}
