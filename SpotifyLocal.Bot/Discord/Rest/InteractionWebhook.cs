using System.Globalization;
using SpotifyLocal.Bot.Discord.Dtos;

namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>
/// What the interaction endpoints (the callback, the original response, followups) are called with: the interaction, its
/// application, its token and when that token dies, so no request or rate-limit wait is spent on a dead token.
/// </summary>
public sealed record InteractionWebhook(string InteractionId, string ApplicationId, string Token, DateTimeOffset TokenExpiresAt)
{
    /// <summary>How long an interaction token can be used (developers/interactions/receiving-and-responding.mdx).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(15);

    // developers/reference.mdx, "Snowflakes" / "Convert Snowflake to DateTime": (snowflake >> 22) + 1420070400000 ms.
    private const long DiscordEpochMs = 1_420_070_400_000;

    // An interaction not answered within 3 seconds is lost anyway (receiving-and-responding.mdx, "Responding to an Interaction").
    private static readonly TimeSpan MaxDeliveryDelay = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The webhook of <paramref name="interaction"/>, whose token lives 15 minutes from the moment its id was made.
    /// <paramref name="receivedAt"/> bounds that moment to the 3 seconds before: the id is stamped on Discord's clock, and
    /// a host clock that is off must not make a fresh token look dead (or one that is dead look alive).
    /// </summary>
    public static InteractionWebhook For(InteractionDto interaction, DateTimeOffset receivedAt)
    {
        var createdAt = ulong.TryParse(interaction.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var snowflake)
            ? DateTimeOffset.FromUnixTimeMilliseconds((long)(snowflake >> 22) + DiscordEpochMs)
            : receivedAt;
        if (createdAt > receivedAt)
        {
            createdAt = receivedAt;
        }
        else if (createdAt < receivedAt - MaxDeliveryDelay)
        {
            createdAt = receivedAt - MaxDeliveryDelay;
        }

        return new InteractionWebhook(interaction.Id, interaction.ApplicationId, interaction.Token, createdAt + TokenLifetime);
    }

    /// <summary>The token grants a webhook: keep it out of logs.</summary>
    public override string ToString() =>
        $"InteractionWebhook {{ InteractionId = {InteractionId}, TokenExpiresAt = {TokenExpiresAt:O} }}";
}
