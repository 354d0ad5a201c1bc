using System.Net;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Spotify;

/// <summary>How linking and tracking answer Spotify's less friendly replies: lost answers, non-JSON bodies, other 403s.</summary>
public sealed class SpotifyErrorAnswerTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");
    private static readonly ChatIdentity Bob = new(ChatIdentity.Telegram, "1002");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(FakeSpotifyFault.AnswerLost)]
    [InlineData(FakeSpotifyFault.ConnectionDropped)]
    public async Task A_code_exchange_whose_answer_is_lost_is_sent_once_and_asks_for_a_new_link(FakeSpotifyFault fault)
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.Enqueue(fault, "/api/token");

        var (status, html) = await host.LinkAsync(Alice, "alice");

        Assert.Equal(1, host.Spotify.Count("/api/token", "authorization_code"));
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("Send /link in the chat again", html);
        Assert.DoesNotContain("already used", html);
        Assert.Null(await host.Get<IChatLinkStore>().GetUserIdAsync(Alice, Ct));
    }

    [Fact]
    public async Task A_403_that_is_not_the_user_list_gets_its_own_message_not_the_dashboard_instructions()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.Enqueue(FakeSpotifyFault.ForbiddenOther, "/v1/me");

        var (status, html) = await host.LinkAsync(Alice, "alice");

        Assert.NotEqual(HttpStatusCode.Forbidden, status);
        Assert.Contains("other than the app", html);
        Assert.DoesNotContain("User Management", html);
        Assert.Null(await host.Get<IUserStore>().GetAsync("alice", Ct));
    }

    [Fact]
    public async Task A_403_that_is_not_the_user_list_is_retried_like_any_failure_while_tracking()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        host.Spotify.AddPlay("alice", "a", "A", "Band", SpotifyTestHost.Start.AddSeconds(-40));
        host.Spotify.Enqueue(FakeSpotifyFault.ForbiddenOther, "/v1/me/player");
        var worker = host.Get<TrackingWorker>();

        await worker.RunOnceAsync(Ct);

        Assert.Empty(await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct));
        Assert.True(worker.NextPollAt("alice") < host.Time.GetUtcNow() + TrackingWorker.NotAllowListedRetry);
        host.Time.Advance(worker.NextPollAt("alice")!.Value - host.Time.GetUtcNow());
        await worker.RunOnceAsync(Ct);
        Assert.Single(await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct));
    }

    [Theory]
    [InlineData(FakeSpotifyFault.BadGatewayHtml)]
    [InlineData(FakeSpotifyFault.UnavailablePlainText)]
    public async Task A_non_JSON_5xx_body_becomes_the_plain_try_later_message(FakeSpotifyFault fault)
    {
        await using var host = await SpotifyTestHost.StartAsync(new Dictionary<string, string?> { ["Spotify:MaxRetries"] = "1" });
        host.Spotify.AddAccount("alice");
        host.Spotify.Enqueue(fault, "/v1/me", times: 2);

        var (status, html) = await host.LinkAsync(Alice, "alice");

        Assert.Equal(2, host.Spotify.Count("/v1/me"));
        Assert.Equal(HttpStatusCode.BadGateway, status);
        Assert.Contains("not answering properly", html);
        Assert.DoesNotContain("JSON", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("upstream", html);
        Assert.DoesNotContain("502 Bad Gateway", html);
    }

    [Theory]
    [InlineData(FakeSpotifyFault.BadGatewayHtml, "/v1/me/player")]
    [InlineData(FakeSpotifyFault.UnavailablePlainText, "/v1/me/player")]
    [InlineData(FakeSpotifyFault.BadGatewayHtml, "/api/token")]
    [InlineData(FakeSpotifyFault.UnavailablePlainText, "/api/token")]
    public async Task A_non_JSON_5xx_while_tracking_costs_that_poll_only_and_keeps_the_link(FakeSpotifyFault fault, string path)
    {
        await using var host = await SpotifyTestHost.StartAsync(new Dictionary<string, string?> { ["Spotify:MaxRetries"] = "1" });
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        // An hour on, the access token has expired: the poll refreshes first.
        host.Time.Advance(TimeSpan.FromHours(1));
        host.Spotify.AddPlay("alice", "a", "A", "Band", host.Time.GetUtcNow().AddSeconds(-40));
        host.Spotify.Enqueue(fault, path, times: 2);
        var worker = host.Get<TrackingWorker>();

        await worker.RunOnceAsync(Ct);
        var afterFailure = await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct);
        host.Time.Advance(worker.NextPollAt("alice")!.Value - host.Time.GetUtcNow());
        await worker.RunOnceAsync(Ct);

        Assert.Empty(afterFailure);
        Assert.Empty(host.Notifier.Sent);
        Assert.Equal(LinkState.Linked, (await host.Get<IUserStore>().GetAsync("alice", Ct))!.LinkState);
        Assert.Single(await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct));
    }

    [Fact]
    public async Task A_revoked_refresh_token_asks_only_that_user_to_relink_and_tracking_goes_on_for_the_others()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.AddAccount("bob");
        await host.LinkAsync(Alice, "alice");
        await host.LinkAsync(Bob, "bob");
        host.Spotify.Revoke("alice");
        host.Spotify.AddPlay("bob", "b", "B", "Band", SpotifyTestHost.Start.AddHours(2).AddSeconds(-40));
        host.Time.Advance(TimeSpan.FromHours(2));

        await host.Get<TrackingWorker>().RunOnceAsync(Ct);

        var notice = Assert.Single(host.Notifier.Sent);
        Assert.Equal(Alice, notice.To);
        Assert.Contains("/link", notice.Notice.Text);
        Assert.Equal(LinkState.NeedsRelink, (await host.Get<IUserStore>().GetAsync("alice", Ct))!.LinkState);
        Assert.Equal(LinkState.Linked, (await host.Get<IUserStore>().GetAsync("bob", Ct))!.LinkState);
        Assert.Single(await host.Get<IPlayStore>().GetRecentAsync("bob", 10, Ct));
    }
}
