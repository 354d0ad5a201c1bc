namespace SpotifyLocal.Core.Storage;

/// <summary>Where one weekly summary of one target stands.</summary>
public enum SummaryLedgerState
{
    /// <summary>The bot decided to post and is about to (or crashed while) posting.</summary>
    Decided = 0,

    /// <summary>The platform accepted the post.</summary>
    Posted = 1,

    /// <summary>Nothing to post (no plays that week).</summary>
    Skipped = 2,

    /// <summary>Decided but never confirmed, and not safe to retry: given up so the summary can't be posted twice.</summary>
    Abandoned = 3,

    /// <summary>The platform refused the post for good (channel gone, bot blocked).</summary>
    Failed = 4,
}
