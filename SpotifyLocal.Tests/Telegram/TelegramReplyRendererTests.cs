using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Telegram;

namespace SpotifyLocal.Tests.Telegram;

public sealed class TelegramReplyRendererTests
{
    [Fact]
    public void A_long_caption_is_cut_to_Telegrams_limit_with_the_title_kept_in_bold()
    {
        var reply = new BotReply(string.Concat(Enumerable.Range(1, 200).Select(i => $"{i}. Track <{i}>\n"))) { Title = "Top tracks & more" };

        var html = TelegramReplyRenderer.Html(reply, TelegramReplyRenderer.MaxCaptionLength);

        Assert.StartsWith("<b>Top tracks &amp; more</b>\n1. Track &lt;1&gt;", html);
        Assert.EndsWith("…", html);
        var visible = System.Net.WebUtility.HtmlDecode(html.Replace("<b>", "").Replace("</b>", ""));
        Assert.Equal(TelegramReplyRenderer.MaxCaptionLength, visible.Length);
    }

    [Fact]
    public void A_short_text_is_escaped_and_left_whole()
    {
        var html = TelegramReplyRenderer.Html(new BotReply("Use /timezone <IANA name>"), TelegramReplyRenderer.MaxTextLength);

        Assert.Equal("Use /timezone &lt;IANA name&gt;", html);
    }

    [Fact]
    public void Cutting_never_splits_an_emoji()
    {
        var text = new string('a', 8) + "🎵🎵";

        var cut = TelegramReplyRenderer.Truncate(text, 10);

        Assert.Equal(new string('a', 8) + "…", cut);
    }

    [Fact]
    public void Progress_shows_a_bar_with_the_percentage()
    {
        var text = TelegramProgressMessage.Format(new CommandProgress("Importing plays…", 0.5));

        Assert.Equal("Importing plays…\n▓▓▓▓▓▓░░░░░░ 50%", text);
    }
}
