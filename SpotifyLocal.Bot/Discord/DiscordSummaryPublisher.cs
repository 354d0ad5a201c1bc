using System.Net;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Bot.Discord.Rest;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;

namespace SpotifyLocal.Bot.Discord;

/// <summary>
/// Posts a server's weekly summary in its channel: an embed with the chart, sent with the ledger's nonce and
/// <c>enforce_nonce</c> so a retry within a few minutes returns the first message instead of posting again.
/// 403 (missing access/permission) and 404 (channel deleted) mean the channel is gone for the bot.
/// </summary>
public sealed class DiscordSummaryPublisher(IServiceScopeFactory scopes) : ISummaryPublisher
{
    public string Platform => ChatIdentity.Discord;

    public bool DeduplicatesRetries => true;

    public async Task<string> PublishAsync(SummaryTarget target, SummaryMessage message, string nonce, CancellationToken cancellationToken)
    {
        var (payload, files) = DiscordReplyRenderer.Render(
            new Commands.BotReply(message.Text) { Title = message.Title, Png = message.Png, PngFileName = message.PngFileName });
        await using var scope = scopes.CreateAsyncScope();
        var rest = scope.ServiceProvider.GetRequiredService<DiscordRestClient>();
        try
        {
            var posted = await rest.CreateChannelMessageAsync(
                target.Destination, payload with { Components = null, Nonce = nonce, EnforceNonce = true }, files, cancellationToken);
            return posted.Id;
        }
        catch (DiscordApiException ex) when (ex.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            throw new SummaryDestinationGoneException(
                $"Discord answered {(int)ex.Status} ({ex.DiscordMessage ?? "no message"}) for channel {target.Destination}", ex);
        }
    }
}
