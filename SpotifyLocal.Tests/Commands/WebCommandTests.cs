using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Commands;

public sealed class WebCommandTests
{
    private static readonly ChatIdentity Caller = new(ChatIdentity.Discord, "1234");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Web_answers_privately_with_a_link_on_the_public_address_that_opens_once_as_the_caller()
    {
        await using var bot = new TestBot(new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = "https://music.example.org" });
        var parsed = CommandParser.Parse("/web");

        var reply = await bot.Get<CommandDispatcher>().DispatchAsync(parsed.Command!, new CommandContext(Caller), Ct);

        Assert.True(reply.Private);
        Assert.False(reply.IsError);
        var url = Assert.Single(reply.Buttons).Url!;
        Assert.StartsWith("https://music.example.org/web/open?t=", url, StringComparison.Ordinal);
        Assert.Contains(url, reply.Text, StringComparison.Ordinal);
        Assert.Contains("15 minutes", reply.Text, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(url[(url.IndexOf("t=", StringComparison.Ordinal) + 2)..]);
        var links = bot.Get<WebLinks>();
        Assert.Equal(Caller, links.Open(token));
        Assert.Null(links.Open(token));
    }
}
