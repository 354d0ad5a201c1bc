using SpotifyLocal.Core.Spotify;

namespace SpotifyLocal.Tests.Spotify;

public sealed class SpotifyTokensTests
{
    [Fact]
    public void Printing_the_tokens_or_the_token_response_shows_no_token()
    {
        var tokens = new SpotifyTokens("access-secret", "refresh-secret", new DateTimeOffset(2026, 11, 20, 13, 0, 0, TimeSpan.Zero), "user-read-recently-played");
        var dto = new SpotifyTokenDto("access-secret", "Bearer", "user-read-recently-played", 3600, "refresh-secret");

        var printed = $"{tokens} {dto}";

        Assert.DoesNotContain("secret", printed);
        Assert.Contains("2026-11-20T13:00:00", printed);
        Assert.Contains("3600", printed);
    }
}
