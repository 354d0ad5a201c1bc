using System.Net;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Web;

public sealed class LinkEndpointTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Linking_stores_the_user_with_encrypted_tokens_attaches_the_chat_and_fetches_recent_plays()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        for (var i = 0; i < 60; i++)
        {
            host.Spotify.AddPlay("alice", $"t{i}", $"Song {i}", "Band", SpotifyTestHost.Start.AddMinutes(-300 + (i * 4)));
        }

        var (status, html) = await host.LinkAsync(Alice, "alice");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<strong>Alice A.</strong>", html);
        Assert.Contains("Telegram", html);
        var user = await host.Get<IUserStore>().GetAsync("alice", Ct);
        Assert.NotNull(user);
        Assert.Equal(LinkState.Linked, user.LinkState);
        Assert.Equal("acct-alice", user.AccountId);
        Assert.Equal(SpotifyTestHost.Start, user.ConsentedAt);
        Assert.True(user.HasInitialImport);
        Assert.DoesNotContain("refresh-", user.EncryptedRefreshToken);
        Assert.StartsWith("refresh-", host.Get<ITokenProtector>().Unprotect(user.EncryptedRefreshToken!));
        Assert.Equal("alice", await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
        var stored = await host.Get<IPlayStore>().GetRecentAsync("alice", 100, Ct);
        Assert.Equal(50, stored.Count);
        Assert.All(stored, p => Assert.Equal(PlaySource.Tracked, p.Source));
        Assert.Equal("spotify:track:t59", stored[0].TrackId);
        Assert.Equal("Band", stored[0].ArtistName);
    }

    [Fact]
    public async Task A_consent_links_nothing_until_the_requesting_chat_confirms_the_account_it_names()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        var accounts = host.Get<AccountLifecycleService>();

        var (status, html) = await host.ConsentAsync(Alice, "alice");
        var pending = await host.Get<IUserStore>().GetAsync("alice", Ct);
        var question = accounts.FindConsent(Alice);
        var linked = await accounts.ConfirmLinkAsync(Alice, question.ConsentId!, confirmed: true, Ct);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nothing is linked yet", html);
        Assert.Contains("Telegram", html);
        Assert.Null(pending);
        Assert.Equal(LinkStepOutcome.Question, question.Outcome);
        Assert.Equal("Alice A.", question.AccountName);
        var pushed = Assert.Single(host.Notifier.Sent);
        Assert.Equal(Alice, pushed.To);
        Assert.StartsWith("Link Spotify account Alice A.?", pushed.Notice.Text, StringComparison.Ordinal);
        Assert.Equal([$"/link confirm {question.ConsentId}", $"/link cancel {question.ConsentId}"], pushed.Notice.Commands.Select(c => c.CommandText));
        Assert.Equal(LinkStepOutcome.Linked, linked.Outcome);
        Assert.Equal("alice", await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
    }

    [Fact]
    public async Task Only_the_requesting_chat_can_confirm_and_a_cancelled_or_late_consent_links_nothing()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        var accounts = host.Get<AccountLifecycleService>();
        var mallory = new ChatIdentity(ChatIdentity.Discord, "666");

        await host.ConsentAsync(Alice, "alice");
        var consentId = accounts.FindConsent(Alice).ConsentId!;
        var forged = await accounts.ConfirmLinkAsync(mallory, consentId, confirmed: true, Ct);
        var cancelled = await accounts.ConfirmLinkAsync(Alice, consentId, confirmed: false, Ct);
        var afterCancel = await accounts.ConfirmLinkAsync(Alice, consentId, confirmed: true, Ct);
        await host.ConsentAsync(Alice, "alice");
        host.Time.Advance(PendingLinkStore.Lifetime);
        var late = accounts.FindConsent(Alice);

        Assert.Equal(LinkStepOutcome.NothingPending, forged.Outcome);
        Assert.Equal(LinkStepOutcome.Cancelled, cancelled.Outcome);
        Assert.Equal(LinkStepOutcome.NothingPending, afterCancel.Outcome);
        Assert.Equal(LinkStepOutcome.NothingPending, late.Outcome);
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(mallory, Ct));
        Assert.Null(await host.Get<IUserStore>().GetAsync("alice", Ct));
    }

    [Fact]
    public async Task An_account_linked_to_another_chat_identity_links_only_after_that_identity_approves()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        var accounts = host.Get<AccountLifecycleService>();
        var chatLinks = host.Get<IChatLinkStore>();
        var mallory = new ChatIdentity(ChatIdentity.Discord, "666");
        await host.LinkAsync(Alice, "alice");

        // Mallory sends his own /link to Alice, who agrees on Spotify's page as herself.
        await host.ConsentAsync(mallory, "alice");
        var asked = await accounts.ConfirmLinkAsync(mallory, accounts.FindConsent(mallory).ConsentId!, confirmed: true, Ct);
        var approval = host.Notifier.Sent.Last(n => n.To == Alice).Notice;
        var refused = await accounts.DecideAsync(Alice, asked.ConsentId!, approved: false, Ct);
        await host.ConsentAsync(mallory, "alice");
        var again = await accounts.ConfirmLinkAsync(mallory, accounts.FindConsent(mallory).ConsentId!, confirmed: true, Ct);
        var notTheirs = await accounts.DecideAsync(mallory, again.ConsentId!, approved: true, Ct);
        var approved = await accounts.DecideAsync(Alice, again.ConsentId!, approved: true, Ct);

        Assert.Equal(LinkStepOutcome.AwaitingApproval, asked.Outcome);
        Assert.Contains("Alice A.", approval.Text);
        Assert.Equal([$"/link approve {asked.ConsentId}", $"/link refuse {asked.ConsentId}"], approval.Commands.Select(c => c.CommandText));
        Assert.Equal(LinkStepOutcome.Refused, refused.Outcome);
        Assert.Contains(host.Notifier.Sent, n => n.To == mallory && n.Notice.Text.Contains("refused", StringComparison.Ordinal));
        Assert.Equal(LinkStepOutcome.NothingPending, notTheirs.Outcome);
        Assert.Equal(LinkStepOutcome.Linked, approved.Outcome);
        Assert.Equal("alice", await chatLinks.GetUserIdAsync(mallory, Ct));
        Assert.Equal("alice", await chatLinks.GetUserIdAsync(Alice, Ct));
    }

    [Fact]
    public async Task Without_the_holders_approval_within_ten_minutes_the_new_link_is_refused()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        var accounts = host.Get<AccountLifecycleService>();
        var mallory = new ChatIdentity(ChatIdentity.Discord, "666");
        await host.LinkAsync(Alice, "alice");

        await host.ConsentAsync(mallory, "alice");
        var asked = await accounts.ConfirmLinkAsync(mallory, accounts.FindConsent(mallory).ConsentId!, confirmed: true, Ct);
        host.Time.Advance(PendingLinkStore.Lifetime);
        var tooLate = await accounts.DecideAsync(Alice, asked.ConsentId!, approved: true, Ct);

        Assert.Equal(LinkStepOutcome.NothingPending, tooLate.Outcome);
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(mallory, Ct));
    }

    [Fact]
    public async Task Linking_moves_what_the_chat_identity_imported_before_and_keeps_its_time_zone()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        var users = host.Get<IUserStore>();
        await users.CreateAsync(new User { SpotifyId = Alice.LocalUserId, JoinedAt = SpotifyTestHost.Start.AddDays(-30), TimeZone = "Europe/Berlin", HasFullImport = true }, Ct);
        await host.Get<IPlayStore>().InsertAsync(Plays.For(Alice.LocalUserId).Count(7).Build(), Ct);

        await host.LinkAsync(Alice, "alice");
        await host.Get<PlayMoveService>().RunPendingAsync(Ct);

        var user = await users.GetAsync("alice", Ct);
        Assert.Equal("Europe/Berlin", user!.TimeZone);
        Assert.Equal(SpotifyTestHost.Start.AddDays(-30), user.JoinedAt);
        Assert.True(user.HasFullImport);
        Assert.Null(await users.GetAsync(Alice.LocalUserId, Ct));
        Assert.Equal(7, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime("alice"), Ct));
        Assert.Equal(0, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
    }

    [Fact]
    public async Task A_replayed_callback_links_nothing_the_second_time()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.AddAccount("mallory");
        host.Spotify.ConsentingUserId = "alice";
        var authorize = host.Get<AccountLifecycleService>().RequestLink(Alice);
        using var consent = await host.Browser.GetAsync(authorize, Ct);
        var callback = consent.Headers.Location!.ToString();

        var first = await host.OpenAsync(callback);
        var replay = await host.OpenAsync(callback);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("already used", replay.Html);
    }

    [Fact]
    public async Task A_state_older_than_ten_minutes_is_refused()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.ConsentingUserId = "alice";
        var authorize = host.Get<AccountLifecycleService>().RequestLink(Alice);
        host.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        using var consent = await host.Browser.GetAsync(authorize, Ct);

        var (status, html) = await host.OpenAsync(consent.Headers.Location!.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("expired", html);
        Assert.Null(await host.Get<IUserStore>().GetAsync("alice", Ct));
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
    }

    [Fact]
    public async Task An_unknown_state_is_refused_without_calling_Spotify()
    {
        await using var host = await SpotifyTestHost.StartAsync();

        var (status, html) = await host.OpenAsync(host.CallbackUrl + "?code=anything&state=forged");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Send /link", html);
        Assert.Equal(0, host.Spotify.Count("/api/token"));
    }

    [Fact]
    public async Task Denied_consent_shows_a_page_and_links_nothing()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.DenyConsent = true;

        var (status, html) = await host.LinkAsync(Alice, "alice");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Not linked", html);
        Assert.Null(await host.Get<IUserStore>().GetAsync("alice", Ct));
        Assert.Equal(0, host.Spotify.Count("/api/token"));
    }

    [Fact]
    public async Task A_code_Spotify_refuses_shows_the_token_error_page_and_links_nothing()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        var state = new Uri(host.Get<AccountLifecycleService>().RequestLink(Alice)).Query
            .TrimStart('?').Split('&').Single(p => p.StartsWith("state=", StringComparison.Ordinal))["state=".Length..];

        var (status, html) = await host.OpenAsync($"{host.CallbackUrl}?code=not-issued&state={state}");

        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("Linking failed", html);
        Assert.Equal(1, host.Spotify.Count("/api/token", "authorization_code"));
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
    }

    [Fact]
    public async Task An_account_missing_from_the_allow_list_gets_instructions_for_the_bot_owner()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("bob").AllowListed = false;

        var (status, html) = await host.LinkAsync(Alice, "bob");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("developer.spotify.com/dashboard", html);
        Assert.Contains("User Management", html);
        Assert.Null(await host.Get<IUserStore>().GetAsync("bob", Ct));
    }

    [Theory]
    [InlineData("?code=anything&state=forged")]
    [InlineData("?error=access_denied&state=forged")]
    public async Task The_callback_page_is_never_cached_and_runs_no_script(string query)
    {
        await using var host = await SpotifyTestHost.StartAsync();

        using var response = await host.Browser.GetAsync(host.CallbackUrl + query, Ct);

        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Health_answers_ok()
    {
        await using var host = await SpotifyTestHost.StartAsync();

        var (status, body) = await host.OpenAsync(host.BaseUrl + "/health");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", body);
    }

    [Fact]
    public async Task Every_request_to_Spotify_names_SpotifyLocal_in_its_user_agent()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");

        await host.LinkAsync(Alice, "alice");

        var calls = host.Spotify.Requests.Where(r => r.Path != "/authorize").ToList();
        Assert.NotEmpty(calls);
        Assert.All(calls, r => Assert.StartsWith("SpotifyLocal/", r.UserAgent));
    }
}
