using System.Globalization;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Commands;
using ChatIdentity = SpotifyLocal.Core.Storage.ChatIdentity;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Turns one Telegram update into a command and its reply: text → <see cref="CommandParser"/>, a document →
/// <see cref="ImportCommand"/> on a temporary download, a button press → the button's command with the same
/// message edited. Private chats only; in groups a one-line pointer to a private chat, for commands addressed to this bot only.
/// </summary>
public sealed class TelegramUpdateHandler(
    CommandDispatcher dispatcher,
    TelegramReplyRenderer renderer,
    TelegramErrorPolicy errors,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramUpdateHandler> logger,
    WebUploadOffer web)
{
    public Task HandleAsync(ITelegramBotClient bot, Update update, string? botUsername, CancellationToken cancellationToken) => update switch
    {
        { Message: { } message } => HandleMessageAsync(bot, message, botUsername, cancellationToken),
        { CallbackQuery: { } query } => HandleCallbackAsync(bot, query, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task HandleMessageAsync(ITelegramBotClient bot, Message message, string? botUsername, CancellationToken cancellationToken)
    {
        if (message.From is not { IsBot: false } from)
        {
            return;
        }

        if (message.Chat.Type != ChatType.Private)
        {
            // Only /cmd@ThisBot: a group may hold several bots, and a bare /cmd (or a file) there is not surely for us.
            if (IsAddressedTo(message.Text ?? message.Caption, botUsername))
            {
                var where = botUsername is null ? "a private chat with me" : $"a private chat with me: https://t.me/{botUsername}";
                await SendAsync(bot, message.Chat.Id, new BotReply($"Listening history stays private, so I only answer in {where}"), cancellationToken);
            }

            return;
        }

        var context = ContextFor(from);
        if (message.Document is { } document)
        {
            await HandleDocumentAsync(bot, message.Chat.Id, document, context, cancellationToken);
            return;
        }

        if (message.Text is not { } text)
        {
            await SendAsync(bot, message.Chat.Id, BotReply.Error("Send a command (try /help), or your Spotify data export as a file."), cancellationToken);
            return;
        }

        var parsed = CommandParser.Parse(text);
        var reply = parsed.Command is { } command
            ? await dispatcher.DispatchAsync(command, context, cancellationToken)
            : BotReply.Error(parsed.Error ?? "Try /help.");
        await SendAsync(bot, message.Chat.Id, reply, cancellationToken);
    }

    /// <summary>True for a command naming this bot (<c>/top@ThisBot week</c>), as https://core.telegram.org/bots/features#commands describes for groups.</summary>
    internal static bool IsAddressedTo(string? text, string? botUsername)
    {
        if (string.IsNullOrEmpty(botUsername) || text is null || !text.StartsWith('/'))
        {
            return false;
        }

        var name = text.Split([' ', '\n'], 2)[0];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && name[(at + 1)..].Equals(botUsername, StringComparison.OrdinalIgnoreCase);
    }

    private async Task HandleCallbackAsync(ITelegramBotClient bot, CallbackQuery query, CancellationToken cancellationToken)
    {
        // Answered before the command runs: Telegram refuses an answer after about 15 s, and the button spins until then.
        var parsed = CommandParser.Parse(query.Data ?? "");
        var refusal = parsed.Command is null ? TelegramReplyRenderer.Truncate(parsed.Error ?? "That button no longer works.", 200) : null;
        await errors.TryAsync(
            "answer a button",
            () => bot.AnswerCallbackQuery(callbackQueryId: query.Id, text: refusal, showAlert: refusal is not null, cancellationToken: cancellationToken),
            cancellationToken);
        if (parsed.Command is not { } command)
        {
            return;
        }

        var reply = await dispatcher.DispatchAsync(command, ContextFor(query.From), cancellationToken);
        if (reply.IsError)
        {
            // An error (rate limit, no plays) comes as its own message and leaves the chart the user was looking at.
            await SendAsync(bot, query.Message?.Chat.Id ?? query.From.Id, reply, cancellationToken);
            return;
        }

        if (query.Message is not { } message)
        {
            await SendAsync(bot, query.From.Id, reply, cancellationToken);
            return;
        }

        try
        {
            await renderer.EditAsync(bot, message, reply, cancellationToken);
        }
        catch (ApiRequestException ex) when (TelegramErrorPolicy.IsNotModified(ex))
        {
            logger.LogDebug("Button pressed for what the message already shows");
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400)
        {
            // Too old or otherwise not editable: answer with a new message instead.
            logger.LogInformation("Telegram refused to edit message {MessageId}: {Description}; sending a new one", message.Id, ex.Message);
            await SendAsync(bot, message.Chat.Id, reply, cancellationToken);
        }
        catch (Exception ex) when (TelegramErrorPolicy.IsSkippable(ex) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not edit message {MessageId}", message.Id);
        }
    }

    private async Task HandleDocumentAsync(ITelegramBotClient bot, long chatId, Document document, CommandContext context, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxDownloadBytes;
        var fileName = string.IsNullOrWhiteSpace(document.FileName) ? "export.zip" : document.FileName;
        if (document.FileSize > limit)
        {
            await SendAsync(bot, chatId, TooLarge(fileName, document.FileSize.Value, context.Caller), cancellationToken);
            return;
        }

        Message? progressMessage = null;
        await errors.TryAsync(
            "acknowledge a file",
            async () => progressMessage = await bot.SendMessage(chatId: chatId, text: $"Received {fileName}, downloading…", cancellationToken: cancellationToken),
            cancellationToken);

        var path = Path.Combine(Path.GetTempPath(), $"spotifylocal-telegram-{Guid.NewGuid():N}{Path.GetExtension(fileName)}");
        try
        {
            var reply = await DownloadAsync(bot, document, path, fileName, context.Caller, cancellationToken);
            if (reply is null)
            {
                var progress = progressMessage is null
                    ? null
                    : new TelegramProgressMessage(bot, renderer, errors, chatId, progressMessage.Id, options.Value.ProgressEditInterval, time, cancellationToken);
                reply = await dispatcher.DispatchAsync(new ImportCommand(ImportFile.Received(path, fileName)), context with { Progress = progress }, cancellationToken);
                if (progress is not null)
                {
                    await progress.FlushAsync();
                }
            }

            await FinishAsync(bot, chatId, progressMessage, reply, cancellationToken);
        }
        finally
        {
            TryDelete(path);
        }
    }

    /// <summary>Downloads the document to <paramref name="path"/>; returns a reply only when that failed.</summary>
    private async Task<BotReply?> DownloadAsync(ITelegramBotClient bot, Document document, string path, string fileName, ChatIdentity caller, CancellationToken cancellationToken)
    {
        try
        {
            var file = await bot.GetFile(document.FileId, cancellationToken);
            if (file.FileSize > options.Value.MaxDownloadBytes)
            {
                return TooLarge(fileName, file.FileSize.Value, caller);
            }

            await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await bot.DownloadFile(file, target, cancellationToken);
            return null;
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 400 && ex.Message.Contains("too big", StringComparison.OrdinalIgnoreCase))
        {
            // Telegram may send a document without file_size; then only getFile tells it is too big.
            return TooLarge(fileName, document.FileSize, caller);
        }
        catch (Exception ex) when (TelegramErrorPolicy.IsSkippable(ex) && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Could not download a document from Telegram");
            return BotReply.Error($"I could not download {fileName} from Telegram. Please send it again.");
        }
    }

    /// <summary>The final answer replaces the progress message when it is text; a chart comes as a new photo.</summary>
    private async Task FinishAsync(ITelegramBotClient bot, long chatId, Message? progressMessage, BotReply reply, CancellationToken cancellationToken)
    {
        if (progressMessage is not null && reply.Png is null
            && await errors.TryAsync("show a result", () => renderer.EditTextAsync(bot, chatId, progressMessage.Id, reply, cancellationToken), cancellationToken))
        {
            return;
        }

        await SendAsync(bot, chatId, reply, cancellationToken);
    }

    private BotReply TooLarge(string fileName, long? size, ChatIdentity caller)
    {
        var limitMb = options.Value.MaxDownloadBytes / (1024.0 * 1024.0);
        var isSize = size is { } bytes ? $"is {bytes / (1024.0 * 1024.0):0.#} MB" : "is too big";
        return web.AddTo(
            BotReply.Error(
                $"{fileName} {isSize}, and Telegram lets bots download at most {limitMb:0.#} MB. " +
                "Either unzip it and send me the Streaming_History JSON files one by one, or ask whoever runs this bot to import the ZIP " +
                $"on the server with the command-line import verb, for your id {caller.LocalUserId}."),
            caller);
    }

    private Task SendAsync(ITelegramBotClient bot, ChatId chat, BotReply reply, CancellationToken cancellationToken) =>
        errors.TryAsync("send a reply", () => renderer.SendAsync(bot, chat, reply, cancellationToken), cancellationToken);

    private static CommandContext ContextFor(User user) =>
        new(new ChatIdentity(ChatIdentity.Telegram, user.Id.ToString(CultureInfo.InvariantCulture)))
        {
            CallerName = user.Username ?? string.Join(' ', new[] { user.FirstName, user.LastName }.Where(n => !string.IsNullOrWhiteSpace(n))),
        };

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not delete the temporary download {Path}", path);
        }
    }
}
