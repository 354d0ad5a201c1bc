namespace SpotifyLocal.Core.Accounts;

/// <summary>The result of a chat step of linking: what happened, the consent it concerns and the Spotify account's name.</summary>
public sealed record LinkStep(LinkStepOutcome Outcome, string? ConsentId = null, string? AccountName = null);
