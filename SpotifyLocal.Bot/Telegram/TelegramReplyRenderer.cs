using System.Text;
using SpotifyLocal.Bot.Commands;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Sends a <see cref="BotReply"/> as Telegram messages: text (HTML, title in bold), a photo with a caption for
/// charts, and inline buttons (callback data carries the command text; links become URL buttons). Also edits
/// an earlier message in place, which is how buttons and import progress update what the user sees.
/// </summary>
public sealed class TelegramReplyRenderer(ILogger<TelegramReplyRenderer> logger)
{
    /// <summary>Telegram's limits, in characters after entity parsing.</summary>
    public const int MaxTextLength = 4096;

    public const int MaxCaptionLength = 1024;

    /// <summary>Telegram's limit on callback data, in UTF-8 bytes.</summary>
    public const int MaxCallbackDataBytes = 64;

    private const int ButtonsPerRow = 4;

    public Task<Message> SendAsync(ITelegramBotClient bot, ChatId chat, BotReply reply, CancellationToken cancellationToken)
    {
        var keyboard = Keyboard(reply.Buttons);
        if (reply.Png is { } png)
        {
            return bot.SendPhoto(
                chatId: chat,
                photo: InputFile.FromStream(new MemoryStream(png, writable: false), reply.PngFileName),
                caption: Html(reply, MaxCaptionLength),
                parseMode: ParseMode.Html,
                replyMarkup: keyboard,
                cancellationToken: cancellationToken);
        }

        return SendTextAsync(bot, chat, reply, keyboard, cancellationToken);
    }

    /// <summary>Replaces what an earlier message shows; a text message cannot become a photo, so that case sends a new one.</summary>
    public async Task EditAsync(ITelegramBotClient bot, Message message, BotReply reply, CancellationToken cancellationToken)
    {
        var keyboard = Keyboard(reply.Buttons);
        var isPhoto = message.Photo is { Length: > 0 };
        if (reply.Png is { } png)
        {
            if (!isPhoto)
            {
                await SendAsync(bot, message.Chat.Id, reply, cancellationToken);
                return;
            }

            var media = new InputMediaPhoto(InputFile.FromStream(new MemoryStream(png, writable: false), reply.PngFileName))
            {
                Caption = Html(reply, MaxCaptionLength),
                ParseMode = ParseMode.Html,
            };
            await bot.EditMessageMedia(chatId: message.Chat.Id, messageId: message.Id, media: media, replyMarkup: keyboard, cancellationToken: cancellationToken);
        }
        else if (isPhoto)
        {
            await bot.EditMessageCaption(
                chatId: message.Chat.Id,
                messageId: message.Id,
                caption: Html(reply, MaxCaptionLength),
                parseMode: ParseMode.Html,
                replyMarkup: keyboard,
                cancellationToken: cancellationToken);
        }
        else
        {
            await EditTextAsync(bot, message.Chat.Id, message.Id, reply, cancellationToken);
        }
    }

    public Task<Message> EditTextAsync(ITelegramBotClient bot, ChatId chat, int messageId, BotReply reply, CancellationToken cancellationToken) =>
        bot.EditMessageText(
            chatId: chat,
            messageId: messageId,
            text: Html(reply, MaxTextLength),
            parseMode: ParseMode.Html,
            replyMarkup: Keyboard(reply.Buttons),
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: cancellationToken);

    private static Task<Message> SendTextAsync(ITelegramBotClient bot, ChatId chat, BotReply reply, InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken) =>
        bot.SendMessage(
            chatId: chat,
            text: Html(reply, MaxTextLength),
            parseMode: ParseMode.Html,
            replyMarkup: keyboard,
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: cancellationToken);

    /// <summary>The title in bold over the text, cut to <paramref name="limit"/> visible characters, HTML-escaped.</summary>
    internal static string Html(BotReply reply, int limit)
    {
        var title = string.IsNullOrWhiteSpace(reply.Title) ? null : Truncate(reply.Title.Trim(), limit);
        var budget = title is null ? limit : limit - title.Length - 1;
        var text = budget > 0 ? Truncate(reply.Text, budget) : "";
        var html = new StringBuilder();
        if (title is not null)
        {
            html.Append("<b>").Append(Escape(title)).Append("</b>");
            if (text.Length > 0)
            {
                html.Append('\n');
            }
        }

        return html.Append(Escape(text)).ToString();
    }

    /// <summary>Telegram's HTML mode needs only these three escaped; other characters stay readable as they are.</summary>
    internal static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>Cuts to at most <paramref name="limit"/> UTF-16 units (Telegram's count) with an ellipsis, never inside a surrogate pair.</summary>
    internal static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        if (limit <= 0)
        {
            return "";
        }

        var cut = limit - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + "…";
    }

    private InlineKeyboardMarkup? Keyboard(IReadOnlyList<ReplyButton> buttons)
    {
        var telegramButtons = new List<InlineKeyboardButton>(buttons.Count);
        foreach (var button in buttons)
        {
            if (button.Url is { } url)
            {
                telegramButtons.Add(InlineKeyboardButton.WithUrl(button.Label, url));
            }
            else if (button.CommandText is { } command && Encoding.UTF8.GetByteCount(command) <= MaxCallbackDataBytes)
            {
                telegramButtons.Add(InlineKeyboardButton.WithCallbackData(button.Label, command));
            }
            else
            {
                logger.LogWarning("Button {Label} dropped: its command does not fit Telegram's {Limit}-byte callback data", button.Label, MaxCallbackDataBytes);
            }
        }

        return telegramButtons.Count == 0 ? null : new InlineKeyboardMarkup(telegramButtons.Chunk(ButtonsPerRow));
    }
}
