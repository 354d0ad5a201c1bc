namespace SpotifyLocal.Core.Accounts;

/// <summary>What the callback page shows: the outcome, the linked profile name and platform, or a user-facing reason.</summary>
public sealed record LinkResult(LinkOutcome Outcome, string? DisplayName = null, string? Platform = null, string? Message = null);
