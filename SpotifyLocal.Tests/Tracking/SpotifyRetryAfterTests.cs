using System.Globalization;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Tests.Fakes;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Tracking;

/// <summary>
/// Retry-After in each form a 429 may carry (RFC 9110 §10.2.3: delay-seconds or an HTTP-date;
/// developer.spotify.com/documentation/web-api/concepts/rate-limits): honoured to the second on the fake clock, never
/// longer than a day, and a default when it cannot be read.
/// </summary>
public sealed class SpotifyRetryAfterTests
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Discord, "111");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int> Forms => new()
    {
        { "1", 1 },
        { "45", 45 },
        { "79892", 79_892 },
        // An HTTP-date 90 seconds after the fake clock's now (filled in by the test).
        { "date+90", 90 },
        // A year, and a number no 32-bit header parser reads: both are a day at most.
        { "31536000", 86_400 },
        { "99999999999999999999", 86_400 },
        // Unreadable: the handler's 5-second default.
        { "soon", 5 },
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_429_holds_every_request_back_exactly_as_long_as_Retry_After_says_and_never_past_a_day(string retryAfter, int expectedSeconds)
    {
        await using var host = await SpotifyTestHost.StartAsync();
        host.Spotify.AddAccount("alice");
        await host.LinkAsync(Alice, "alice");
        host.Spotify.RetryAfter = retryAfter == "date+90"
            ? host.Time.GetUtcNow().AddSeconds(90).ToString("r", CultureInfo.InvariantCulture)
            : retryAfter;
        host.Spotify.Enqueue(FakeSpotifyFault.RateLimited, "/v1/me/player");
        var worker = host.Get<TrackingWorker>();
        await worker.RunOnceAsync(Ct);
        var expected = TimeSpan.FromSeconds(expectedSeconds);

        var pause = host.Get<SpotifyRateGate>().RequestPauseRemaining;
        host.Spotify.AddPlay("alice", "t", "T", "Band", host.Time.GetUtcNow().AddSeconds(-40));
        host.Time.Advance(expected - TimeSpan.FromMilliseconds(1));
        var before = host.Spotify.Requests.Count;
        await worker.RunOnceAsync(Ct);
        var whilePaused = host.Spotify.Requests.Count - before;
        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        await worker.RunOnceAsync(Ct);

        Assert.Equal(expected, pause);
        Assert.Equal(0, whilePaused);
        Assert.Contains(await host.Get<IPlayStore>().GetRecentAsync("alice", 10, Ct), p => p.TrackId == "spotify:track:t");
    }
}
