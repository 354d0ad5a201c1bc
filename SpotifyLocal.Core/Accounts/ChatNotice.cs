namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// A message the bot sends on its own (not as a reply). <see cref="OfferLink"/> asks the adapter to add a
/// /link button or hint, as for relink reminders and revoked links; <see cref="Commands"/> are further buttons.
/// </summary>
public sealed record ChatNotice(string Text, bool OfferLink)
{
    /// <summary>Buttons that run a chat command when pressed (label, command text of at most 64 bytes).</summary>
    public IReadOnlyList<NoticeCommand> Commands { get; init; } = [];
}
