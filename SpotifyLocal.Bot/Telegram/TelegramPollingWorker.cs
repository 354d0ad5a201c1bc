using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Commands;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using TelegramCommand = Telegram.Bot.Types.BotCommand;
using BotCommandScopeAllPrivateChats = Telegram.Bot.Types.BotCommandScopeAllPrivateChats;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Long-polls getUpdates and hands each update to <see cref="TelegramUpdateHandler"/> through a
/// <see cref="TelegramChatQueue"/> (in order per chat, chats side by side). Fills the command menu at start. The
/// offset confirms only handled updates (<see cref="TelegramUpdateLedger"/>), so a restart or crash loses none: an
/// update in hand comes again. A failing update is logged and counts as handled; a failing poll waits (Telegram's
/// retry_after, or a growing back-off) and polls again. At shutdown, updates in hand get
/// <see cref="TelegramOptions.ShutdownGracePeriod"/> to finish, then are cancelled; the finished ones are confirmed.
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

    private readonly TelegramUpdateLedger _ledger = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queue = new TelegramChatQueue(options.Value.MaxConcurrentChats);
        // Handlers outlive the poll loop by the grace period: stopping polls at once, handlers get time to answer.
        using var handlers = new CancellationTokenSource();
        try
        {
            await PollAsync(queue, handlers.Token, stoppingToken);
        }
        finally
        {
            var gracePeriod = options.Value.ShutdownGracePeriod;
            if (gracePeriod <= TimeSpan.Zero)
            {
                await handlers.CancelAsync();
            }

            using var grace = time.CreateTimer(_ => handlers.Cancel(), null, gracePeriod > TimeSpan.Zero ? gracePeriod : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            await queue.DrainAsync();
            await ConfirmHandledAsync();
        }
    }

    /// <summary>Tells Telegram which updates were handled before stopping (a getUpdates call with the offset, no wait).</summary>
    private async Task ConfirmHandledAsync()
    {
        if (_ledger.Offset is not { } offset)
        {
            return;
        }

        try
        {
            using var scope = scopes.CreateScope();
            var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), time);
            await bot.GetUpdates(offset: offset, limit: 1, timeout: 0, allowedUpdates: AllowedUpdates, cancellationToken: timeout.Token);
        }
        catch (Exception ex)
        {
            // Not confirmed: Telegram sends those updates again after the restart.
            logger.LogWarning(ex, "Confirming handled Telegram updates at shutdown failed");
        }
    }

    private async Task PollAsync(TelegramChatQueue queue, CancellationToken handlerToken, CancellationToken stoppingToken)
    {
        string? botUsername = null;
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

                var updates = await bot.GetUpdates(offset: _ledger.Offset, timeout: pollSeconds, allowedUpdates: AllowedUpdates, cancellationToken: stoppingToken);
                backoff = FirstBackoff;
                var fresh = 0;
                foreach (var update in updates)
                {
                    if (!_ledger.TryTake(update.Id))
                    {
                        continue;
                    }

                    fresh++;
                    var username = botUsername;
                    queue.Enqueue(ChatOf(update), async () =>
                    {
                        try
                        {
                            // Its own scope: the update may still run after this poll's scope is gone.
                            using var updateScope = scopes.CreateScope();
                            var client = updateScope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
                            await handler.HandleAsync(client, update, username, handlerToken);
                            _ledger.Finish(update.Id);
                        }
                        catch (OperationCanceledException) when (handlerToken.IsCancellationRequested)
                        {
                            // Cut off at shutdown after the grace period: left unconfirmed, Telegram sends it again.
                            logger.LogWarning("Telegram update {UpdateId} was cancelled at shutdown; it will be handled after the restart", update.Id);
                        }
                        catch (Exception ex)
                        {
                            logger.LogError(ex, "Telegram update {UpdateId} failed; skipped", update.Id);
                            _ledger.Finish(update.Id);
                        }
                    });
                }

                if (fresh == 0 && _ledger.HasUpdatesInHand)
                {
                    // getUpdates answers at once while its offset is below an update in hand: wait for a handler to
                    // finish or the in-hand interval, whichever comes first, instead of spinning.
                    try
                    {
                        await _ledger.NextFinished.WaitAsync(options.Value.InHandPollInterval, time, stoppingToken);
                    }
                    catch (TimeoutException)
                    {
                        // Poll again: other chats' updates must not wait for the one in hand.
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // https://core.telegram.org/bots/api#getupdates: long polling and a webhook exclude each other; this bot polls.
                if (ex is ApiRequestException { ErrorCode: 409 } conflict && conflict.Message.Contains("webhook", StringComparison.OrdinalIgnoreCase)
                    && await TryDeleteWebhookAsync(stoppingToken))
                {
                    continue;
                }

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

    /// <summary>Removes a webhook left from elsewhere (pending updates stay queued for getUpdates); false when that failed too.</summary>
    private async Task<bool> TryDeleteWebhookAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
            await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: cancellationToken);
            logger.LogWarning("A Telegram webhook was set for this bot; deleted it to poll with getUpdates instead");
            return true;
        }
        catch (Exception ex) when (TelegramErrorPolicy.IsSkippable(ex))
        {
            logger.LogError(ex, "Deleting the Telegram webhook failed");
            return false;
        }
    }

    private static long ChatOf(global::Telegram.Bot.Types.Update update) =>
        update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id ?? update.CallbackQuery?.From.Id ?? 0;

    private async Task<string?> StartAsync(ITelegramBotClient bot, CancellationToken cancellationToken)
    {
        var me = await bot.GetMe(cancellationToken);
        await bot.SetMyCommands(
            commands: CommandParser.Usages
                .Where(u => !CommandParser.ServerOnly.Contains(u.Name))
                .Select(u => new TelegramCommand { Command = u.Name, Description = u.Description }),
            // The menu shows where the commands work: private chats (https://core.telegram.org/bots/api#botcommandscope).
            scope: new BotCommandScopeAllPrivateChats(),
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
