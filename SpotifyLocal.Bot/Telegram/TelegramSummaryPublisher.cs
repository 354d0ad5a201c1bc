using System.Globalization;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Sends a user's weekly summary as a photo with caption in their private chat (its id is the user id). Telegram has
/// no idempotency key, so a send is never retried. 403 (the user blocked the bot) and "chat not found" end the subscription.
/// </summary>
public sealed class TelegramSummaryPublisher(IServiceScopeFactory scopes, TelegramReplyRenderer renderer) : ISummaryPublisher
{
    public string Platform => ChatIdentity.Telegram;

    public bool DeduplicatesRetries => false;

    public async Task<string> PublishAsync(SummaryTarget target, SummaryMessage message, string nonce, CancellationToken cancellationToken)
    {
        var chatId = long.Parse(target.Destination, NumberStyles.Integer, CultureInfo.InvariantCulture);
        using var scope = scopes.CreateScope();
        var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
        try
        {
            var sent = await renderer.SendAsync(
                bot, chatId, new BotReply(message.Text) { Title = message.Title, Png = message.Png, PngFileName = message.PngFileName }, cancellationToken);
            return sent.Id.ToString(CultureInfo.InvariantCulture);
        }
        catch (ApiRequestException ex) when (ex.ErrorCode == 403 || ex.ErrorCode == 400 && ex.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase))
        {
            throw new SummaryDestinationGoneException($"Telegram answered {ex.ErrorCode} ({ex.Message})", ex);
        }
    }
}
