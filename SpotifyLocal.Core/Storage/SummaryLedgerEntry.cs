namespace SpotifyLocal.Core.Storage;

/// <summary>
/// The record that makes a weekly summary happen at most once per target and week: written (unique on
/// <see cref="TargetKey"/> + <see cref="Week"/>) before posting, completed after.
/// </summary>
/// <param name="TargetKey">Who it is for, e.g. <c>discord-server:123</c> or <c>telegram:456</c>.</param>
/// <param name="Week">The week's first local day, ISO (<c>2026-03-23</c>).</param>
/// <param name="State">Where it stands.</param>
/// <param name="Nonce">The idempotency key sent with the post where the platform supports one.</param>
/// <param name="DecidedAt">When the bot decided to post.</param>
public sealed record SummaryLedgerEntry(
    string TargetKey,
    string Week,
    SummaryLedgerState State,
    string Nonce,
    DateTimeOffset DecidedAt)
{
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>What happened, for the log and the curious (e.g. the error that failed it).</summary>
    public string? Detail { get; init; }
}
