using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Bot.Discord.Rest;
using Xunit;

namespace SpotifyLocal.Tests.Discord;

public sealed class DiscordRateLimiterTests
{
    private static readonly DiscordRoute Route = new(HttpMethod.Post, "/channels/{channel}/messages", "42");

    [Fact]
    public void The_last_request_of_a_bucket_goes_to_one_caller_and_the_next_waits_for_the_reset()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var limiter = new DiscordRateLimiter(time);
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        response.Headers.Add("X-RateLimit-Remaining", "1");
        response.Headers.Add("X-RateLimit-Reset-After", "5");
        limiter.Observe(Route, response);

        var first = limiter.Acquire(Route, exemptFromGlobal: false);
        var second = limiter.Acquire(Route, exemptFromGlobal: false);
        time.Advance(TimeSpan.FromSeconds(5));
        var afterReset = limiter.Acquire(Route, exemptFromGlobal: false);

        Assert.Equal(TimeSpan.Zero, first);
        Assert.Equal(TimeSpan.FromSeconds(5), second);
        Assert.Equal(TimeSpan.Zero, afterReset);
    }
}
