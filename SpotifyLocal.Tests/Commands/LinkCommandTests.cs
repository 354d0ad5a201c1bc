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

    [Theory]
    [InlineData("/link", LinkAction.Start, null)]
    [InlineData("/link continue", LinkAction.Continue, null)]
    [InlineData("/link confirm Ab-9_x", LinkAction.Confirm, "Ab-9_x")]
    [InlineData("/link cancel Ab-9_x", LinkAction.Cancel, "Ab-9_x")]
    [InlineData("/link approve Ab-9_x", LinkAction.Approve, "Ab-9_x")]
    [InlineData("/link refuse Ab-9_x", LinkAction.Refuse, "Ab-9_x")]
    public void Link_steps_parse_from_text_and_button_data(string text, LinkAction action, string? consentId)
    {
        Assert.Equal(new LinkCommand(action, consentId), CommandParser.Parse(text).Command);
    }

    [Fact]
    public async Task A_confirm_button_pressed_by_anyone_but_the_requester_links_nothing()
    {
        await using var bot = new TestBot(new Dictionary<string, string?>
        {
            ["Spotify:ClientId"] = "client-abc",
            ["Spotify:ClientSecret"] = "secret-never-shown",
            ["Spotify:RedirectUri"] = "http://127.0.0.1:8888/callback",
        });

        var reply = await bot.Get<CommandDispatcher>().DispatchAsync(new LinkCommand(LinkAction.Confirm, "guessed-id"), new CommandContext(Caller), Ct);

        Assert.True(reply.IsError);
        Assert.Contains("Send /link to start again", reply.Text, StringComparison.Ordinal);
        Assert.Null(await bot.Get<IChatLinkStore>().GetUserIdAsync(Caller, Ct));
    }
}
