namespace SpotifyLocal.Tests.Fakes;

/// <summary>
/// The sending budgets <see cref="FakeTelegramBotApi"/> enforces with 429 and <c>parameters.retry_after</c>, after the
/// Telegram Bot FAQ "My bot is hitting limits, how do I avoid this?"
/// (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this): in one chat "avoid sending more
/// than one message per second", "not more than 20 messages per minute to the same group", and bulk sends "not more than
/// 30 messages per second or so". Telegram tolerates short bursts; the fake does not, so a test meets the limit for sure.
/// </summary>
public sealed record FakeTelegramFloodLimits(TimeSpan PerChatInterval, int GroupMessagesPerMinute, int MessagesPerSecond)
{
    /// <summary>The FAQ's numbers.</summary>
    public static FakeTelegramFloodLimits Telegram { get; } = new(TimeSpan.FromSeconds(1), 20, 30);
}
