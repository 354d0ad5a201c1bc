using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Commands;

/// <summary>Chat imports are capped by the platform; the reply points at the personal upload page, which is not.</summary>
public sealed class ImportWebLinkTests
{
    private static readonly ChatIdentity Caller = new(ChatIdentity.Telegram, "1001");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_without_a_file_offers_a_private_link_to_the_upload_page()
    {
        await using var bot = new TestBot(new Dictionary<string, string?> { ["Web:PublicBaseUrl"] = "https://music.example.org" });

        var reply = await bot.Get<CommandDispatcher>().DispatchAsync(CommandParser.Parse("/import").Command!, new CommandContext(Caller), Ct);

        Assert.True(reply.Private);
        var url = Assert.Single(reply.Buttons, b => b.Url is not null).Url!;
        Assert.StartsWith("https://music.example.org/web/open?t=", url, StringComparison.Ordinal);
        Assert.EndsWith("&to=upload", url, StringComparison.Ordinal);
        Assert.Contains(url, reply.Text, StringComparison.Ordinal);
        Assert.Contains("up to 1 GB", reply.Text, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(url["https://music.example.org/web/open?t=".Length..^"&to=upload".Length]);
        Assert.Equal(Caller, bot.Get<WebLinks>().Open(token));
    }

    [Fact]
    public async Task A_too_large_file_error_keeps_its_text_and_adds_the_upload_link()
    {
        await using var bot = new TestBot(new Dictionary<string, string?> { ["Import:MaxFileBytes"] = "2147483648" });

        var reply = bot.Get<WebUploadOffer>().AddTo(BotReply.Error("huge.zip is too big for this chat."), Caller);

        Assert.True(reply.IsError);
        Assert.True(reply.Private);
        Assert.StartsWith("huge.zip is too big for this chat.\n", reply.Text, StringComparison.Ordinal);
        Assert.Contains("up to 2 GB", reply.Text, StringComparison.Ordinal);
        Assert.Contains("/web/open?t=", Assert.Single(reply.Buttons).Url, StringComparison.Ordinal);
    }
}
