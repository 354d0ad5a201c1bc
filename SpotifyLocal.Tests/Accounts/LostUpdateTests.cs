using Microsoft.Extensions.DependencyInjection;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Accounts;

/// <summary>Account steps that run side by side never undo each other, in whatever order their store writes land.</summary>
public sealed class LostUpdateTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(SpotifyTestHost Host, Interleavings Interleavings)> StartAsync()
    {
        var interleavings = new Interleavings();
        var host = await SpotifyTestHost.StartAsync(configure: services =>
            services.AddSingleton<IUserStore>(provider => interleavings.Wrap<IUserStore>(ActivatorUtilities.CreateInstance<SqliteUserStore>(provider))));
        host.Spotify.AddAccount("alice");
        return (host, interleavings);
    }

    [Fact]
    public async Task A_poll_that_read_the_user_before_an_unlink_never_writes_the_tokens_back()
    {
        var (host, interleavings) = await StartAsync();
        await using var _ = host;
        var users = host.Get<IUserStore>();

        var runs = await interleavings.RunAllAsync(
            () => host.LinkAsync(Alice, "alice"),
            [
                async () =>
                {
                    try
                    {
                        await host.Get<RecentPlaysPoller>().PollAsync("alice", Ct);
                    }
                    catch (SpotifyRelinkRequiredException)
                    {
                        // The unlink came first: nothing to poll.
                    }
                },
                () => host.Get<AccountLifecycleService>().UnlinkAsync(Alice, Ct),
            ],
            async schedule =>
            {
                var user = await users.GetAsync("alice", Ct);
                Assert.True(user is { LinkState: LinkState.NotLinked, EncryptedRefreshToken: null, EncryptedAccessToken: null }, $"tokens came back under schedule {schedule}");
            },
            Ct);

        Assert.True(runs >= 3, $"only {runs} interleavings ran");
    }

    [Fact]
    public async Task Setting_the_time_zone_while_Spotify_rotates_the_refresh_token_keeps_both()
    {
        var (host, interleavings) = await StartAsync();
        await using var _ = host;
        var users = host.Get<IUserStore>();
        var accounts = host.Get<AccountLifecycleService>();
        host.Spotify.RotateRefreshTokens = true;

        var runs = await interleavings.RunAllAsync(
            async () =>
            {
                await host.LinkAsync(Alice, "alice");
                await accounts.SetTimeZoneAsync(Alice, "UTC", Ct);
            },
            [
                () => accounts.SetTimeZoneAsync(Alice, "Europe/Berlin", Ct),
                () => host.Get<SpotifyTokenService>().GetAccessTokenAsync("alice", forceRefresh: true, Ct),
            ],
            async schedule =>
            {
                Assert.True((await users.GetAsync("alice", Ct))!.TimeZone == "Europe/Berlin", $"time zone lost under schedule {schedule}");
                // The stored refresh token must be the one Spotify rotated to: the next refresh still works.
                await host.Get<SpotifyTokenService>().GetAccessTokenAsync("alice", forceRefresh: true, Ct);
                Assert.True((await users.GetAsync("alice", Ct))!.LinkState == LinkState.Linked, $"a stale refresh token was restored under schedule {schedule}");
            },
            Ct);

        Assert.True(runs >= 10, $"only {runs} interleavings ran");
    }

    [Fact]
    public async Task An_unlink_during_a_token_refresh_keeps_the_tokens_dropped()
    {
        var (host, interleavings) = await StartAsync();
        await using var _ = host;
        var users = host.Get<IUserStore>();

        var runs = await interleavings.RunAllAsync(
            () => host.LinkAsync(Alice, "alice"),
            [
                async () =>
                {
                    try
                    {
                        await host.Get<SpotifyTokenService>().GetAccessTokenAsync("alice", forceRefresh: true, Ct);
                    }
                    catch (SpotifyRelinkRequiredException)
                    {
                        // The unlink came first.
                    }
                },
                () => host.Get<AccountLifecycleService>().UnlinkAsync(Alice, Ct),
            ],
            async schedule =>
            {
                var user = await users.GetAsync("alice", Ct);
                Assert.True(user is { EncryptedRefreshToken: null, EncryptedAccessToken: null }, $"tokens came back under schedule {schedule}");
            },
            Ct);

        Assert.True(runs >= 3, $"only {runs} interleavings ran");
    }
}
