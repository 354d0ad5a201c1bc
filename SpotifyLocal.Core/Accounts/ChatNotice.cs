namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// A message the bot sends on its own (not as a reply). <see cref="OfferLink"/> asks the adapter to add a
/// /link button or hint, as for relink reminders and revoked links.
/// </summary>
public sealed record ChatNotice(string Text, bool OfferLink);
