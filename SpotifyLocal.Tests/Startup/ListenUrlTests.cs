using Microsoft.Extensions.Configuration;
using SpotifyLocal.Bot;

namespace SpotifyLocal.Tests.Startup;

public sealed class ListenUrlTests
{
    [Theory]
    [InlineData(null, "http://127.0.0.1:0")]
    [InlineData("http://127.0.0.1:8888/callback", "http://127.0.0.1:8888")]
    [InlineData("http://127.0.0.1:5099/spotify/callback", "http://127.0.0.1:5099")]
    [InlineData("http://[::1]:7000/callback", "http://[::1]:7000")]
    [InlineData("https://spotifylocal.example.com/callback", "http://127.0.0.1:8888")]
    public void Without_Urls_the_bot_listens_where_the_Spotify_callback_arrives_or_on_any_free_port(string? redirectUri, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Spotify:RedirectUri"] = redirectUri })
            .Build();

        Assert.Equal(expected, BotEndpoints.ChooseListenUrl(configuration));
    }
}
