using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Fakes;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Tracking;

/// <summary>Spotify's long pauses (Retry-After values of 22 and 24 hours are reported): kept across restarts and told to users once.</summary>
public sealed class SpotifyPauseTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Discord, "111");
    private static readonly ChatIdentity Bob = new(ChatIdentity.Telegram, "222");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restart_during_a_24_hour_pause_does_not_call_spotify_until_it_is_over()
    {
        var data = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));
        var first = await SpotifyTestHost.StartAsync(dataDirectory: data);
        first.Spotify.AddAccount("alice");
        await first.LinkAsync(Alice, "alice");
        first.Spotify.RetryAfterSeconds = 86_400;
        first.Spotify.Enqueue(FakeSpotifyFault.RateLimited, "/v1/me/player");
        await first.Get<TrackingWorker>().RunOnceAsync(Ct);
        Assert.True(first.Get<SpotifyRateGate>().RequestPauseRemaining > TimeSpan.FromHours(23));
        await first.DisposeAsync();

        await using var restarted = await SpotifyTestHost.StartAsync(dataDirectory: data);
        // Any call counts (after a day the access token is refreshed first; this fake does not know it).
        int Polls() => restarted.Spotify.Requests.Count;
        var worker = restarted.Get<TrackingWorker>();
        restarted.Time.Advance(TimeSpan.FromHours(2));
        await worker.RunOnceAsync(Ct);
        var whilePaused = Polls();
        restarted.Time.Advance(TimeSpan.FromHours(22));
        await worker.RunOnceAsync(Ct);

        Assert.Equal(0, whilePaused);
        Assert.True(Polls() > 0);
    }

    [Fact]
    public async Task Linked_users_are_told_once_when_a_pause_can_miss_plays_and_stats_says_so()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        host.Spotify.AddAccount("bob");
        await host.LinkAsync(Alice, "alice");
        await host.LinkAsync(Bob, "bob");
        host.Notifier.Discard(_ => true);
        var worker = host.Get<TrackingWorker>();
        // A 30-second pause cannot miss plays: nobody is told.
        host.Spotify.RetryAfterSeconds = 30;
        host.Spotify.Enqueue(FakeSpotifyFault.RateLimited, "/v1/me/player");
        await worker.RunOnceAsync(Ct);
        await worker.RunOnceAsync(Ct);
        var afterShortPause = host.Notifier.Sent.Count;

        host.Time.Advance(TimeSpan.FromMinutes(1));
        host.Spotify.RetryAfterSeconds = 79_892;
        host.Spotify.Enqueue(FakeSpotifyFault.RateLimited, "/v1/me/player");
        await worker.RunOnceAsync(Ct);
        await worker.RunOnceAsync(Ct);
        host.Time.Advance(TimeSpan.FromHours(1));
        await worker.RunOnceAsync(Ct);

        Assert.Equal(0, afterShortPause);
        Assert.Equal([Alice.Platform, Bob.Platform], host.Notifier.Sent.Select(n => n.To.Platform).Order(StringComparer.Ordinal));
        Assert.All(host.Notifier.Sent, n => Assert.Contains("Live tracking is paused", n.Notice.Text, StringComparison.Ordinal));
        var stored = await host.Get<ISpotifyPauseStore>().GetAsync(Ct);
        Assert.NotNull(stored!.UsersToldAt);
        var line = SpotifyPauseService.StatsLine(stored, host.Time.GetUtcNow());
        Assert.Contains("may be missing", line, StringComparison.Ordinal);
        Assert.Null(SpotifyPauseService.StatsLine(stored, stored.Until));
    }
}
