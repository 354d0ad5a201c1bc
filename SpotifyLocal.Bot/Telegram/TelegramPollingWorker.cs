using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Commands;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using TelegramCommand = Telegram.Bot.Types.BotCommand;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Long-polls getUpdates and hands each update to <see cref="TelegramUpdateHandler"/> through a
/// <see cref="TelegramChatQueue"/> (in order per chat, chats side by side). Fills the command menu at start. A failing
/// update is logged and skipped (the offset moves past it); a failing poll waits (Telegram's retry_after, or a
/// growing back-off) and polls again. Only cancellation ends the loop; updates in hand are finished first.
/// </summary>
public sealed class TelegramPollingWorker(
    IServiceScopeFactory scopes,
    TelegramUpdateHandler handler,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingWorker> logger) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    private static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = new TelegramChatQueue(options.Value.MaxConcurrentChats);
        try
        {
            await PollAsync(queue, stoppingToken);
        }
        finally
        {
            await queue.DrainAsync();
        }
    }

    private async Task PollAsync(TelegramChatQueue queue, CancellationToken stoppingToken)
    {
        string? botUsername = null;
        int? offset = null;
        var backoff = FirstBackoff;
        var pollSeconds = (int)options.Value.PollTimeout.TotalSeconds;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
                if (botUsername is null)
                {
                    botUsername = await StartAsync(bot, stoppingToken);
                }

                var updates = await bot.GetUpdates(offset: offset, timeout: pollSeconds, allowedUpdates: AllowedUpdates, cancellationToken: stoppingToken);
                backoff = FirstBackoff;
                foreach (var update in updates)
                {
                    offset = update.Id + 1;
                    var username = botUsername;
                    queue.Enqueue(ChatOf(update), async () =>
                    {
                        try
                        {
                            // Its own scope: the update may still run after this poll's scope is gone.
                            using var updateScope = scopes.CreateScope();
                            var client = updateScope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
                            await handler.HandleAsync(client, update, username, stoppingToken);
                        }
                        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                        {
                            logger.LogError(ex, "Telegram update {UpdateId} failed; skipped", update.Id);
                        }
                        catch (OperationCanceledException)
                        {
                            // Shutting down: the update is abandoned like any in-flight request.
                        }
                    });
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                var wait = TelegramErrorPolicy.RetryAfter(ex) ?? backoff;
                LogPollFailure(ex, wait);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                try
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private static long ChatOf(global::Telegram.Bot.Types.Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;

    private async Task<string?> StartAsync(ITelegramBotClient bot, CancellationToken cancellationToken)
    {
        var me = await bot.GetMe(cancellationToken);
        await bot.SetMyCommands(
            commands: CommandParser.Usages.Select(u => new TelegramCommand { Command = u.Name, Description = u.Description }),
            cancellationToken: cancellationToken);
        logger.LogInformation("Telegram bot @{BotUsername} is listening for private messages", me.Username);
        return me.Username ?? "";
    }

    private void LogPollFailure(Exception ex, TimeSpan wait)
    {
        switch (ex)
        {
            case ApiRequestException { ErrorCode: 401 or 404 }:
                logger.LogError("Telegram rejected the bot token (check Telegram:BotToken); retrying in {Wait}", wait);
                break;
            case ApiRequestException { ErrorCode: 409 } api:
                logger.LogError("Telegram refused getUpdates: {Description}. Another instance is polling this token, or a webhook is set; retrying in {Wait}", api.Message, wait);
                break;
            case ApiRequestException api:
                logger.LogWarning("Telegram refused getUpdates: {ErrorCode} {Description}; retrying in {Wait}", api.ErrorCode, api.Message, wait);
                break;
            default:
                logger.LogWarning(ex, "Polling Telegram failed; retrying in {Wait}", wait);
                break;
        }
    }
}
