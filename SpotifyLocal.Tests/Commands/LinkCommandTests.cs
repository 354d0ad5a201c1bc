using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Commands;

public sealed class LinkCommandTests
{
    private static readonly ChatIdentity Caller = new(ChatIdentity.Discord, "1234");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_Spotify_app_link_explains_that_import_and_stats_still_work()
    {
        await using var bot = new TestBot();

        var reply = await bot.Get<CommandDispatcher>().DispatchAsync(new LinkCommand(), new CommandContext(Caller), Ct);

        Assert.True(reply.IsError);
        Assert.Contains("not set up on this bot", reply.Text, StringComparison.Ordinal);
        Assert.Contains("import", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_Spotify_app_link_answers_privately_with_a_one_time_authorize_button()
    {
        await using var bot = new TestBot(new Dictionary<string, string?>
        {
            ["Spotify:ClientId"] = "client-abc",
            ["Spotify:ClientSecret"] = "secret-never-shown",
            ["Spotify:RedirectUri"] = "http://127.0.0.1:8888/callback",
        });

        var first = await bot.Get<CommandDispatcher>().DispatchAsync(new LinkCommand(), new CommandContext(Caller), Ct);
        var second = await bot.Get<CommandDispatcher>().DispatchAsync(new LinkCommand(), new CommandContext(Caller), Ct);

        Assert.True(first.Private);
        Assert.Equal(["Connect Spotify", "Continue"], first.Buttons.Select(b => b.Label));
        Assert.Equal("/link continue", first.Buttons[1].CommandText);
        var url = new Uri(first.Buttons[0].Url!);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal("/authorize", url.AbsolutePath);
        Assert.Equal("client-abc", query["client_id"]);
        Assert.Equal("http://127.0.0.1:8888/callback", query["redirect_uri"]);
        Assert.NotEqual(query["state"], System.Web.HttpUtility.ParseQueryString(new Uri(second.Buttons[0].Url!).Query)["state"]);
        Assert.DoesNotContain("secret-never-shown", first.Text + url, StringComparison.Ordinal);
    }
}
