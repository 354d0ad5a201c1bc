namespace SpotifyLocal.Core.Accounts;

/// <summary>What a chat step of linking (continue, confirm, cancel, approve, refuse) did.</summary>
public enum LinkStepOutcome
{
    /// <summary>A consent waits: ask the requester "Link Spotify account …?".</summary>
    Question = 0,

    /// <summary>The link is complete.</summary>
    Linked = 1,

    /// <summary>The account is linked to another chat identity, which was asked to approve.</summary>
    AwaitingApproval = 2,

    /// <summary>Nothing waits for this chat identity (no consent yet, finished, expired, or not theirs to decide).</summary>
    NothingPending = 3,

    Cancelled = 4,

    /// <summary>The holder of the account refused the new link.</summary>
    Refused = 5,
}
