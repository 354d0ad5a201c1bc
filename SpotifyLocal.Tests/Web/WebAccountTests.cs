using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Web;

/// <summary>The account page, its forms and the data exports over real HTTP on Kestrel (127.0.0.1), as a browser uses them.</summary>
public sealed partial class WebAccountTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");
    private static readonly ChatIdentity Bob = new(ChatIdentity.Discord, "2002");
    private static readonly DateTimeOffset T0 = SpotifyTestHost.Start.AddDays(-30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_account_page_shows_the_spotify_link_time_zone_weekly_summary_downloads_and_is_reached_from_the_dashboard()
    {
        await using var host = await StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        await host.LinkAsync(Alice, "alice");
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        using var dashboard = await WebSessionTests.SendAsync(host, alice, WebEndpoints.DashboardPath + "?period=week");
        using var page = await WebSessionTests.SendAsync(host, alice, WebAccountEndpoints.AccountPath);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Contains($"<a id=\"nav-account\" href=\"{WebAccountEndpoints.AccountPath}\">", await dashboard.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains($"<a id=\"nav-dashboard\" href=\"{WebEndpoints.DashboardPath}\">", html);
        Assert.Contains("Linked to Spotify account Alice A.", Text(html, "link-state"));
        Assert.Contains("id=\"unlink-form\"", html);
        Assert.DoesNotContain("id=\"link-form\"", html);
        Assert.Equal("UTC", Text(html, "current-timezone"));
        Assert.Contains("name=\"timeZone\"", html);
        Assert.StartsWith("Your weekly summary is off", Text(html, "weekly-state"), StringComparison.Ordinal);
        Assert.Contains("id=\"weekly-form\"", html);
        Assert.Contains($"<a id=\"export-json\" href=\"{WebAccountEndpoints.ExportJsonPath}\"", html);
        Assert.Contains($"<a id=\"export-csv\" href=\"{WebAccountEndpoints.ExportCsvPath}\"", html);
        Assert.Contains($"<a id=\"forget-link\" href=\"{WebAccountEndpoints.ForgetPath}\"", html);
        Assert.Equal(3, Regex.Count(html, "<form [^>]*method=\"post\""));
        Assert.Equal(3, Regex.Count(html, $"name=\"{WebForms.TokenFieldName}\""));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<style", html);
        Assert.True(page.Headers.CacheControl?.NoStore);
        Assert.Contains("frame-ancestors 'none'", Assert.Single(page.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Setting_the_time_zone_stores_it_and_the_page_then_shows_it_and_an_unknown_zone_changes_nothing()
    {
        await using var host = await StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var accounts = host.Get<AccountLifecycleService>();

        using var set = await PostAsync(host, alice, WebAccountEndpoints.TimeZonePath, ("timeZone", "Europe/Berlin"));
        var stored = (await accounts.GetUserAsync(Alice, Ct)).TimeZone;
        var after = await GetPageAsync(host, alice, WebAccountEndpoints.AccountPath + "?done=timezone");
        using var bad = await PostAsync(host, alice, WebAccountEndpoints.TimeZonePath, ("timeZone", "Mars/<b>Olympus</b>"));
        var badHtml = await bad.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.SeeOther, set.StatusCode);
        Assert.Equal(WebAccountEndpoints.AccountPath + "?done=timezone", set.Headers.Location?.OriginalString);
        Assert.Equal("Europe/Berlin", stored);
        Assert.Equal("Europe/Berlin", Text(after, "current-timezone"));
        Assert.Contains("Time zone set to Europe/Berlin", Text(after, "notice"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("is not a time zone I know", Text(badHtml, "error"));
        Assert.DoesNotContain("<b>Olympus", badHtml);
        Assert.Equal("Europe/Berlin", Text(badHtml, "current-timezone"));
        Assert.Equal("Europe/Berlin", (await accounts.GetUserAsync(Alice, Ct)).TimeZone);
    }

    [Fact]
    public async Task A_telegram_identity_turns_its_weekly_summary_on_and_off_and_the_page_follows()
    {
        await using var host = await StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var subscriptions = host.Get<IWeeklySubscriptionStore>();

        using var on = await PostAsync(host, alice, WebAccountEndpoints.WeeklyPath, ("weekly", "on"));
        var subscribed = await subscriptions.IsSubscribedAsync(Alice, Ct);
        var onPage = await GetPageAsync(host, alice, on.Headers.Location!.OriginalString);
        using var off = await PostAsync(host, alice, WebAccountEndpoints.WeeklyPath, ("weekly", "off"));
        var offPage = await GetPageAsync(host, alice, off.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, on.StatusCode);
        Assert.True(subscribed);
        Assert.StartsWith("Your weekly summary is on", Text(onPage, "weekly-state"), StringComparison.Ordinal);
        Assert.Equal("Turn off", Text(onPage, "weekly-button"));
        Assert.Contains("Weekly summary on", Text(onPage, "notice"));
        Assert.Equal(HttpStatusCode.SeeOther, off.StatusCode);
        Assert.False(await subscriptions.IsSubscribedAsync(Alice, Ct));
        Assert.StartsWith("Your weekly summary is off", Text(offPage, "weekly-state"), StringComparison.Ordinal);
        Assert.Equal("Turn on", Text(offPage, "weekly-button"));
    }

    [Fact]
    public async Task A_discord_identity_is_told_where_weekly_summaries_come_from_and_cannot_subscribe()
    {
        await using var host = await StartAsync();
        var bob = await WebSessionTests.SignInAsync(host, Bob);

        var page = await GetPageAsync(host, bob, WebAccountEndpoints.AccountPath);
        using var on = await PostAsync(host, bob, WebAccountEndpoints.WeeklyPath, ("weekly", "on"));

        Assert.Contains("Telegram", Text(page, "weekly-state"));
        Assert.Contains("/weekly channel:#stats", Text(page, "weekly-state"));
        Assert.DoesNotContain("id=\"weekly-form\"", page);
        Assert.Equal(HttpStatusCode.BadRequest, on.StatusCode);
        Assert.False(await host.Get<IWeeklySubscriptionStore>().IsSubscribedAsync(Bob, Ct));
    }

    [Fact]
    public async Task Unlinking_drops_the_tokens_and_the_chat_link_keeps_the_plays_and_the_page_then_offers_to_link()
    {
        await using var host = await StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        await host.LinkAsync(Alice, "alice");
        await host.Get<IPlayStore>().InsertAsync(Plays.For("alice").Starting(T0).Count(4).Build(), Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        using var unlink = await PostAsync(host, alice, WebAccountEndpoints.UnlinkPath);
        var page = await GetPageAsync(host, alice, unlink.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.SeeOther, unlink.StatusCode);
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
        var user = await host.Get<IUserStore>().GetAsync("alice", Ct);
        Assert.Equal(LinkState.NotLinked, user!.LinkState);
        Assert.Null(user.EncryptedRefreshToken);
        Assert.Equal(4, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime("alice"), Ct));
        Assert.Contains("Spotify is disconnected", Text(page, "notice"));
        Assert.Contains("Not linked", Text(page, "link-state"));
        Assert.Contains("id=\"link-form\"", page);
        Assert.DoesNotContain("id=\"unlink-form\"", page);
    }

    [Fact]
    public async Task Link_spotify_starts_the_link_flow_and_links_nothing_until_the_chat_confirms()
    {
        await using var host = await StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        host.Spotify.ConsentingUserId = "alice";
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var accounts = host.Get<AccountLifecycleService>();

        using var start = await PostAsync(host, alice, WebAccountEndpoints.LinkPath);
        var authorize = start.Headers.Location!.OriginalString;
        using var consent = await host.Browser.GetAsync(authorize, Ct);
        var (callbackStatus, callbackPage) = await host.OpenAsync(consent.Headers.Location!.ToString());
        var waiting = await GetPageAsync(host, alice, WebAccountEndpoints.AccountPath);
        var question = accounts.FindConsent(Alice);
        var linkedBefore = await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct);
        await accounts.ConfirmLinkAsync(Alice, question.ConsentId!, confirmed: true, Ct);
        var linked = await GetPageAsync(host, alice, WebAccountEndpoints.AccountPath);

        Assert.Equal(HttpStatusCode.SeeOther, start.StatusCode);
        Assert.StartsWith(host.Spotify.BaseUrl.TrimEnd('/') + "/authorize?", authorize, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, callbackStatus);
        Assert.Contains("Nothing is linked yet", callbackPage);
        Assert.Equal(LinkStepOutcome.Question, question.Outcome);
        Assert.Null(linkedBefore);
        Assert.Contains("Alice A.", Text(waiting, "link-pending"));
        Assert.Contains("/link continue", Text(waiting, "link-pending"));
        Assert.Contains("Linked to Spotify account Alice A.", Text(linked, "link-state"));
    }

    [Fact]
    public async Task A_post_without_or_with_a_wrong_csrf_token_is_refused_and_changes_nothing()
    {
        await using var host = await StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        await host.LinkAsync(Alice, "alice");
        await host.Get<IPlayStore>().InsertAsync(Plays.For("alice").Starting(T0).Count(3).Build(), Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var bob = await WebSessionTests.SignInAsync(host, Bob);
        var bobsToken = CsrfOf(await GetPageAsync(host, bob, WebAccountEndpoints.AccountPath));
        var authorizeCalls = host.Spotify.Count("/authorize");

        var answers = new List<HttpResponseMessage>();
        foreach (var path in PostPaths)
        {
            foreach (var token in new[] { null, string.Empty, "forged-token", bobsToken })
            {
                answers.Add(await PostRawAsync(host, alice, path, token, origin: null, Fields));
            }
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode));
        Assert.Contains("Reload the page", await answers[0].Content.ReadAsStringAsync(Ct));
        await AssertNothingChangedAsync(host, alice, authorizeCalls);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task A_post_from_another_origin_is_refused_even_with_the_right_token()
    {
        await using var host = await StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        await host.LinkAsync(Alice, "alice");
        await host.Get<IPlayStore>().InsertAsync(Plays.For("alice").Starting(T0).Count(3).Build(), Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var token = CsrfOf(await GetPageAsync(host, alice, WebAccountEndpoints.AccountPath));
        var authorizeCalls = host.Spotify.Count("/authorize");

        var answers = new List<HttpResponseMessage>();
        foreach (var path in PostPaths)
        {
            answers.Add(await PostRawAsync(host, alice, path, token, "https://evil.example", Fields));
            answers.Add(await PostRawAsync(host, alice, path, token, "null", Fields));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Forbidden, a.StatusCode));
        await AssertNothingChangedAsync(host, alice, authorizeCalls);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Without_a_session_every_account_route_answers_401_and_changes_nothing()
    {
        await using var host = await StartAsync();
        await host.Get<IPlayStore>().InsertAsync(Plays.For(Alice.LocalUserId).Starting(T0).Count(3).Build(), Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var token = CsrfOf(await GetPageAsync(host, alice, WebAccountEndpoints.AccountPath));

        var answers = new List<HttpResponseMessage>();
        string[] getPaths =
        [
            WebAccountEndpoints.AccountPath, WebAccountEndpoints.ForgetPath, WebAccountEndpoints.ExportJsonPath, WebAccountEndpoints.ExportCsvPath,
            WebAccountEndpoints.ExportEpisodesJsonPath, WebAccountEndpoints.ExportEpisodesCsvPath,
        ];
        foreach (var path in getPaths)
        {
            answers.Add(await WebSessionTests.SendAsync(host, WebSessions.CookieName + "=not-a-session", path));
        }

        foreach (var path in PostPaths)
        {
            answers.Add(await PostRawAsync(host, WebSessions.CookieName + "=not-a-session", path, token, origin: null, Fields));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(3, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
        Assert.Equal("UTC", (await host.Get<AccountLifecycleService>().GetUserAsync(Alice, Ct)).TimeZone);
        answers.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task The_json_export_holds_exactly_the_signed_in_persons_plays_with_every_stored_field_oldest_first()
    {
        await using var host = await StartAsync();
        var store = host.Get<IPlayStore>();
        var special = Play.Create(Alice.LocalUserId, "spotify:track:joga", "Jóga", "spotify:artist:bjork", "Björk", "spotify:album:homogenic", "Homogenic", T0.AddTicks(1_234_567), 305_000, 299_000, PlaySource.Import)
            with { Context = new PlayContext(true, "trackdone", "fwdbtn", false, "android", null) };
        // More than one page of the export, so the pages are stitched together exactly.
        var many = Plays.For(Alice.LocalUserId).Starting(T0.AddMinutes(1)).Every(TimeSpan.FromSeconds(40)).Count(2_345).Build();
        await store.InsertAsync([special, .. many], Ct);
        await store.InsertAsync(Plays.For(Bob.LocalUserId).Starting(T0).Count(7).Build(), Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var bob = await WebSessionTests.SignInAsync(host, Bob);

        using var aliceExport = await WebSessionTests.SendAsync(host, alice, WebAccountEndpoints.ExportJsonPath);
        using var bobExport = await WebSessionTests.SendAsync(host, bob, WebAccountEndpoints.ExportJsonPath + "?userId=" + Uri.EscapeDataString(Alice.LocalUserId));
        var alicePlays = (await JsonAsync(aliceExport)).GetProperty("plays");
        var bobPlays = (await JsonAsync(bobExport)).GetProperty("plays");

        Assert.Equal(HttpStatusCode.OK, aliceExport.StatusCode);
        Assert.Equal("application/json", aliceExport.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", aliceExport.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("spotifylocal-plays.json", aliceExport.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(aliceExport.Headers.CacheControl?.NoStore);
        Assert.Equal(2_346, alicePlays.GetArrayLength());
        Assert.All(alicePlays.EnumerateArray(), p => Assert.Equal(Alice.LocalUserId, p.GetProperty("userId").GetString()));
        var first = alicePlays[0];
        Assert.Equal("spotify:track:joga", first.GetProperty("trackId").GetString());
        Assert.Equal("Jóga", first.GetProperty("trackName").GetString());
        Assert.Equal("spotify:artist:bjork", first.GetProperty("artistId").GetString());
        Assert.Equal("Björk", first.GetProperty("artistName").GetString());
        Assert.Equal("spotify:album:homogenic", first.GetProperty("albumId").GetString());
        Assert.Equal("Homogenic", first.GetProperty("albumName").GetString());
        Assert.Equal(special.PlayedAt, first.GetProperty("playedAt").GetDateTimeOffset());
        Assert.Equal(305_000, first.GetProperty("durationMs").GetInt32());
        Assert.Equal(299_000, first.GetProperty("msPlayed").GetInt32());
        Assert.Equal("import", first.GetProperty("source").GetString());
        Assert.Equal(special.TrackKey, first.GetProperty("trackKey").GetString());
        Assert.Equal(special.ArtistKey, first.GetProperty("artistKey").GetString());
        Assert.Equal(special.AlbumKey, first.GetProperty("albumKey").GetString());
        Assert.True(first.GetProperty("skipped").GetBoolean());
        Assert.Equal("trackdone", first.GetProperty("reasonStart").GetString());
        Assert.Equal("fwdbtn", first.GetProperty("reasonEnd").GetString());
        Assert.False(first.GetProperty("shuffle").GetBoolean());
        Assert.Equal("android", first.GetProperty("platform").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("offline").ValueKind);
        Assert.Equal(JsonValueKind.Null, alicePlays[1].GetProperty("skipped").ValueKind);
        Assert.Equal(many[^1].PlayedAt, alicePlays[alicePlays.GetArrayLength() - 1].GetProperty("playedAt").GetDateTimeOffset());
        Assert.Equal(7, bobPlays.GetArrayLength());
        Assert.All(bobPlays.EnumerateArray(), p => Assert.Equal(Bob.LocalUserId, p.GetProperty("userId").GetString()));
    }

    [Fact]
    public async Task The_csv_export_holds_exactly_the_signed_in_persons_plays_quoted_per_rfc_4180_with_formulas_neutralised()
    {
        await using var host = await StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        await host.LinkAsync(Alice, "alice");
        var store = host.Get<IPlayStore>();
        await store.InsertAsync(
            [
                Plays.One("alice", "=HYPERLINK(\"http://evil.example\",\"click\")", "Band, The", "Say \"Hi\"\nTwice", T0),
                Plays.One("alice", "+1", "@SUM(A1)", "-minus", T0.AddMinutes(5)),
                Plays.One("alice", "Plain", "Artist", null, T0.AddMinutes(10)),
            ],
            Ct);
        await store.InsertAsync([Plays.One(Bob.LocalUserId, "Bob's secret song", "Bob's band", null, T0.AddMinutes(1))], Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        using var export = await WebSessionTests.SendAsync(host, alice, WebAccountEndpoints.ExportCsvPath);
        var raw = await export.Content.ReadAsStringAsync(Ct);
        var rows = ParseCsv(raw);
        string Cell(int row, string column) => rows[row][Array.IndexOf(rows[0], column)];

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("spotifylocal-plays.csv", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(
            ["userId", "playedAt", "trackId", "trackName", "artistId", "artistName", "albumId", "albumName", "durationMs", "msPlayed", "source", "trackKey", "artistKey", "albumKey", "skipped", "reasonStart", "reasonEnd", "shuffle", "platform", "offline"],
            rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal("alice", r[0]));
        Assert.DoesNotContain("Bob's", raw);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", Cell(1, "trackName"));
        Assert.Equal("Band, The", Cell(1, "artistName"));
        Assert.Equal("Say \"Hi\"\nTwice", Cell(1, "albumName"));
        Assert.Contains("\"Say \"\"Hi\"\"\nTwice\"", raw);
        Assert.Equal("'+1", Cell(2, "trackName"));
        Assert.Equal("'@SUM(A1)", Cell(2, "artistName"));
        Assert.Equal("'-minus", Cell(2, "albumName"));
        Assert.Equal("Plain", Cell(3, "trackName"));
        Assert.Equal(string.Empty, Cell(3, "albumName"));
        Assert.Equal("180000", Cell(3, "msPlayed"));
        Assert.Equal("import", Cell(3, "source"));
        Assert.Equal(T0.AddMinutes(10), DateTimeOffset.Parse(Cell(3, "playedAt"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
        Assert.Equal(4, Regex.Count(raw, "\r\n"));
    }

    [Fact]
    public async Task Forgetting_asks_first_then_deletes_the_plays_ends_the_session_and_says_goodbye()
    {
        await using var host = await StartAsync();
        var store = host.Get<IPlayStore>();
        await store.InsertAsync(Plays.For(Alice.LocalUserId).Starting(T0).Count(6).Build(), Ct);
        await store.InsertAsync(Plays.For(Bob.LocalUserId).Starting(T0).Count(2).Build(), Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var secondBrowser = await WebSessionTests.SignInAsync(host, Alice);
        var bob = await WebSessionTests.SignInAsync(host, Bob);

        var confirm = await GetPageAsync(host, alice, WebAccountEndpoints.ForgetPath);
        using var unconfirmed = await PostAsync(host, alice, WebAccountEndpoints.ForgetPath);
        var keptWithoutConfirm = await store.CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct);
        using var forget = await PostAsync(host, alice, WebAccountEndpoints.ForgetPath, ("confirm", "yes"));
        var goodbye = await forget.Content.ReadAsStringAsync(Ct);
        using var afterwards = await WebSessionTests.SendAsync(host, alice, WebAccountEndpoints.AccountPath);
        using var otherBrowser = await WebSessionTests.SendAsync(host, secondBrowser, WebAccountEndpoints.ExportCsvPath);
        using var bobAfter = await WebSessionTests.SendAsync(host, bob, WebAccountEndpoints.ExportJsonPath);

        Assert.Contains("id=\"forget-form\"", confirm);
        Assert.Contains("cannot be undone", confirm);
        Assert.Contains("id=\"forget-button\"", confirm);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Equal(6, keptWithoutConfirm);
        Assert.Equal(HttpStatusCode.OK, forget.StatusCode);
        Assert.Contains("6 plays", Text(goodbye, "goodbye"));
        var cleared = Assert.Single(forget.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(WebSessions.CookieName + "=;", cleared, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
        Assert.Equal(2, await store.CountAsync(PlayScope.AllTime(Bob.LocalUserId), Ct));
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherBrowser.StatusCode);
        Assert.Equal(2, (await JsonAsync(bobAfter)).GetProperty("plays").GetArrayLength());
    }

    private static readonly string[] PostPaths =
        [WebAccountEndpoints.LinkPath, WebAccountEndpoints.UnlinkPath, WebAccountEndpoints.TimeZonePath, WebAccountEndpoints.WeeklyPath, WebAccountEndpoints.ForgetPath];

    private static readonly (string, string)[] Fields = [("timeZone", "Europe/Berlin"), ("weekly", "on"), ("confirm", "yes")];

    private static Task<SpotifyTestHost> StartAsync() =>
        SpotifyTestHost.StartAsync(configure: services => services.AddSingleton<SummarySettingsService>());

    /// <summary>A linked Alice with three plays, UTC and no weekly summary, still signed in; no link flow started.</summary>
    private static async Task AssertNothingChangedAsync(SpotifyTestHost host, string alice, int authorizeCalls)
    {
        Assert.Equal("alice", await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
        var user = await host.Get<IUserStore>().GetAsync("alice", Ct);
        Assert.Equal(LinkState.Linked, user!.LinkState);
        Assert.Equal("UTC", user.TimeZone);
        Assert.False(await host.Get<IWeeklySubscriptionStore>().IsSubscribedAsync(Alice, Ct));
        Assert.Equal(3, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime("alice"), Ct));
        Assert.Equal(authorizeCalls, host.Spotify.Count("/authorize"));
        var page = await GetPageAsync(host, alice, WebAccountEndpoints.AccountPath);
        Assert.Contains("Linked to Spotify account", Text(page, "link-state"));
    }

    /// <summary>Posts the form as the account page would: the session's token from the page, this host as the origin.</summary>
    private static async Task<HttpResponseMessage> PostAsync(SpotifyTestHost host, string cookie, string path, params (string Name, string Value)[] fields)
    {
        var token = CsrfOf(await GetPageAsync(host, cookie, WebAccountEndpoints.AccountPath));
        return await PostRawAsync(host, cookie, path, token, host.BaseUrl, fields);
    }

    private static async Task<HttpResponseMessage> PostRawAsync(SpotifyTestHost host, string cookie, string path, string? token, string? origin, IEnumerable<(string Name, string Value)> fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            form.Add(new(WebForms.TokenFieldName, token));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + path) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", cookie);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await host.Browser.SendAsync(request, Ct);
    }

    private static async Task<string> GetPageAsync(SpotifyTestHost host, string cookie, string pathAndQuery)
    {
        using var response = await WebSessionTests.SendAsync(host, cookie, pathAndQuery);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(Ct);
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static string CsrfOf(string html) => CsrfField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No CSRF field on the page.");

    /// <summary>The text inside the element with this id, tags removed and entities decoded.</summary>
    private static string Text(string html, string id)
    {
        var match = Regex.Match(html, $"<(?<tag>[a-z0-9]+)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>(?<inner>.*?)</\\k<tag>>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No element with id {id}");
        return WebUtility.HtmlDecode(Regex.Replace(match.Groups["inner"].Value, "<[^>]+>", string.Empty)).Trim();
    }

    /// <summary>RFC 4180: CRLF between records, fields with commas, quotes or line breaks in quotes, quotes doubled.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"Unquoted {(int)c} at {i}");
                field.Append(c);
            }
        }

        Assert.Empty(row);
        Assert.Equal(0, field.Length);
        return rows;
    }

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();
}
