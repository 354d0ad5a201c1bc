namespace SpotifyLocal.Core.Summaries;

/// <summary>
/// Delivers weekly summaries on one chat platform (registered by that platform's adapter). A destination that is gone
/// for good (deleted channel, missing permission, blocked bot) throws <see cref="SummaryDestinationGoneException"/>.
/// </summary>
public interface ISummaryPublisher
{
    /// <summary>The platform of the targets this publisher serves (<c>discord</c>, <c>telegram</c>).</summary>
    string Platform { get; }

    /// <summary>
    /// True when sending the same <c>nonce</c> again within <see cref="SummariesOptions.RetryWindow"/> cannot create a
    /// second message (Discord's <c>enforce_nonce</c>); false when a retry might double the post.
    /// </summary>
    bool DeduplicatesRetries { get; }

    /// <summary>Posts the summary and returns the platform's message id.</summary>
    Task<string> PublishAsync(SummaryTarget target, SummaryMessage message, string nonce, CancellationToken cancellationToken);
}
