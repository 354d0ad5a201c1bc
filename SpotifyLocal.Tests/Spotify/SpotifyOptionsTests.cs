using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Spotify;

public sealed class SpotifyOptionsTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSqliteStorage(Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"), "unused.db"));
        services.AddSingleton<PlayBatchWriter>();
        services.AddSpotify(configuration);
        services.AddAccounts(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Without_a_Spotify_section_the_bot_starts_and_link_explains_that_tracking_is_off()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<SpotifyOptions>>().Value;
        var link = provider.GetRequiredService<AccountLifecycleService>();

        Assert.False(options.IsConfigured);
        Assert.False(link.IsLinkingEnabled);
        var error = Assert.Throws<SpotifyNotConfiguredException>(() => link.RequestLink(new ChatIdentity(ChatIdentity.Telegram, "1")));
        Assert.Contains("import", error.Message);
    }

    [Fact]
    public void A_half_filled_Spotify_section_fails_naming_the_missing_key()
    {
        using var provider = Build(new() { ["Spotify:ClientId"] = "id", ["Spotify:RedirectUri"] = "https://bot.example.com/callback" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SpotifyOptions>>().Value);

        Assert.Contains("Spotify:ClientSecret", error.Message);
    }

    [Theory]
    [InlineData("http://localhost:8888/callback")]
    [InlineData("http://bot.example.com/callback")]
    public void Redirect_uris_Spotify_would_reject_fail_at_start(string redirectUri)
    {
        using var provider = Build(new() { ["Spotify:ClientId"] = "id", ["Spotify:ClientSecret"] = "secret", ["Spotify:RedirectUri"] = redirectUri });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SpotifyOptions>>().Value);

        Assert.Contains("Spotify:RedirectUri", error.Message);
    }

    [Fact]
    public void The_authorize_url_asks_for_the_recently_played_scope_with_the_registered_redirect()
    {
        using var provider = Build(new() { ["Spotify:ClientId"] = "id", ["Spotify:ClientSecret"] = "secret", ["Spotify:RedirectUri"] = "http://127.0.0.1:8888/callback" });

        var url = new Uri(provider.GetRequiredService<AccountLifecycleService>().RequestLink(new ChatIdentity(ChatIdentity.Discord, "42")));
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);

        Assert.Equal("https://accounts.spotify.com/authorize", url.GetLeftPart(UriPartial.Path));
        Assert.Equal("id", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("http://127.0.0.1:8888/callback", query["redirect_uri"]);
        Assert.Contains("user-read-recently-played", query["scope"]);
        Assert.True(query["state"]!.Length >= 43);
    }

    [Fact]
    public void The_authorize_url_asks_only_for_the_scope_the_product_uses()
    {
        using var provider = Build(new() { ["Spotify:ClientId"] = "id", ["Spotify:ClientSecret"] = "secret", ["Spotify:RedirectUri"] = "http://127.0.0.1:8888/callback" });

        var url = new Uri(provider.GetRequiredService<AccountLifecycleService>().RequestLink(new ChatIdentity(ChatIdentity.Discord, "42")));

        Assert.Equal("user-read-recently-played", System.Web.HttpUtility.ParseQueryString(url.Query)["scope"]);
    }

    [Theory]
    [InlineData("https://Bot.Example.com")]
    [InlineData("https://bot.example.com/spotify/Callback?x=1")]
    public void The_redirect_uri_is_sent_exactly_as_configured(string redirectUri)
    {
        using var provider = Build(new() { ["Spotify:ClientId"] = "id", ["Spotify:ClientSecret"] = "secret", ["Spotify:RedirectUri"] = redirectUri });

        var url = new Uri(provider.GetRequiredService<AccountLifecycleService>().RequestLink(new ChatIdentity(ChatIdentity.Discord, "42")));

        // Spotify compares the string: Uri.AbsoluteUri would add a slash and lowercase the host.
        Assert.Equal(redirectUri, System.Web.HttpUtility.ParseQueryString(url.Query)["redirect_uri"]);
    }
}
