using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Accounts;

public sealed class SpotifyTokenServiceTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Discord, "111");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_callers_that_find_the_token_expiring_refresh_it_once_and_the_user_stays_linked()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        host.Spotify.RotateRefreshTokens = true;
        host.Time.Advance(TimeSpan.FromMinutes(56));
        var tokens = host.Get<SpotifyTokenService>();

        var both = await Task.WhenAll(
            tokens.GetAccessTokenAsync("alice", forceRefresh: false, Ct),
            tokens.GetAccessTokenAsync("alice", forceRefresh: false, Ct));

        Assert.Equal(1, host.Spotify.Count("/api/token", "refresh_token"));
        Assert.Equal(both[0], both[1]);
        Assert.Equal(LinkState.Linked, (await host.Get<IUserStore>().GetAsync("alice", Ct))!.LinkState);
        Assert.Empty(host.Notifier.Sent);
    }

    [Fact]
    public async Task An_unlink_while_a_refresh_is_in_flight_keeps_the_tokens_dropped()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        var users = host.Get<IUserStore>();
        host.Spotify.BeforeRefreshAnswer = async () =>
        {
            await users.EndLinkAsync("alice", LinkState.NotLinked, expectedEncryptedRefreshToken: null, Ct);
        };

        await host.Get<SpotifyTokenService>().GetAccessTokenAsync("alice", forceRefresh: true, Ct);

        var user = await users.GetAsync("alice", Ct);
        Assert.Equal(LinkState.NotLinked, user!.LinkState);
        Assert.Null(user.EncryptedRefreshToken);
        Assert.Null(user.EncryptedAccessToken);
    }
}
