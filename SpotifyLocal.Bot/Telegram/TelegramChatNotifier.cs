using System.Globalization;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Core.Accounts;
using Telegram.Bot;
using ChatIdentity = SpotifyLocal.Core.Storage.ChatIdentity;

namespace SpotifyLocal.Bot.Telegram;

/// <summary>
/// Delivers notices (relink reminders, revoked links) to Telegram identities as a private message (a user's
/// private chat id is their user id); other platforms' identities go to the notifier registered before.
/// Never throws for an unreachable user.
/// </summary>
public sealed class TelegramChatNotifier(
    IServiceScopeFactory scopes,
    TelegramReplyRenderer renderer,
    TelegramErrorPolicy errors,
    IChatNotifier otherPlatforms) : IChatNotifier
{
    public async Task NotifyAsync(ChatIdentity to, ChatNotice notice, CancellationToken cancellationToken)
    {
        if (to.Platform != ChatIdentity.Telegram || !long.TryParse(to.ChatUserId, NumberStyles.Integer, CultureInfo.InvariantCulture, out var chatId))
        {
            await otherPlatforms.NotifyAsync(to, notice, cancellationToken);
            return;
        }

        using var scope = scopes.CreateScope();
        var bot = scope.ServiceProvider.GetRequiredService<ITelegramBotClient>();
        var reply = new BotReply(notice.Text)
        {
            Buttons = [.. notice.Commands.Select(c => ReplyButton.Command(c.Label, c.CommandText)), .. notice.OfferLink ? [ReplyButton.Command("Link Spotify", "/link")] : Array.Empty<ReplyButton>()],
        };
        await errors.TryAsync("send a notice", () => renderer.SendAsync(bot, chatId, reply, cancellationToken), cancellationToken);
    }
}
