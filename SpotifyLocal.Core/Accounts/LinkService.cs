using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// Links a chat identity to a Spotify account: <see cref="CreateLink"/> hands out the authorize URL, the OAuth
/// callback calls <see cref="CompleteAsync"/>, which stores the user with encrypted tokens, attaches the chat
/// identity, moves what the identity imported before linking, and fetches the last 50 plays.
/// </summary>
public sealed partial class LinkService(
    IOptions<SpotifyOptions> options,
    PendingLinkStore pendingLinks,
    SpotifyAccountsClient accounts,
    SpotifyApiClient api,
    IUserStore users,
    IChatLinkStore chatLinks,
    IPlayStore plays,
    IImportJobStore importJobs,
    ITokenProtector protector,
    RecentPlaysPoller poller,
    TimeProvider timeProvider,
    ILogger<LinkService> logger)
{
    /// <summary>False when the bot has no Spotify app configured: /link explains that, import and stats still work.</summary>
    public bool IsEnabled => options.Value.IsConfigured;

    /// <summary>The Spotify authorize URL for this chat identity; its state is single-use and expires in 10 minutes.</summary>
    /// <exception cref="SpotifyNotConfiguredException">No Spotify app is configured.</exception>
    public string CreateLink(string platform, string chatUserId)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new SpotifyNotConfiguredException();
        }

        var state = pendingLinks.Create(new ChatIdentity(platform, chatUserId));
        var query = string.Join('&', new[]
        {
            ("client_id", settings.ClientId!),
            ("response_type", "code"),
            // Exactly as configured: Spotify compares the string, and Uri.AbsoluteUri adds a slash and lowercases the host.
            ("redirect_uri", settings.RedirectUri!),
            ("scope", settings.Scopes),
            ("state", state),
            // Always show the consent screen so a user can pick another account and the 6-month clock restarts visibly.
            ("show_dialog", "true"),
        }.Select(p => p.Item1 + "=" + Uri.EscapeDataString(p.Item2)));
        return settings.AccountsBaseUrl.TrimEnd('/') + "/authorize?" + query;
    }

    /// <summary>Handles Spotify's redirect (<c>code</c> or <c>error</c>, plus <c>state</c>). Links nothing unless every step succeeds.</summary>
    public async Task<LinkResult> CompleteAsync(string? state, string? code, string? error, CancellationToken cancellationToken)
    {
        var identity = pendingLinks.Consume(state);
        if (identity is null)
        {
            LogInvalidState(logger);
            return new LinkResult(LinkOutcome.InvalidState, Message: "This link is unknown, expired or already used. Send /link in the chat again to get a new one.");
        }

        if (!string.IsNullOrEmpty(error) || string.IsNullOrEmpty(code))
        {
            LogDenied(logger, identity, error);
            return new LinkResult(LinkOutcome.Denied, Platform: identity.Platform, Message: "Spotify access was not granted, so nothing was linked. You can still import your data export.");
        }

        SpotifyTokens tokens;
        SpotifyProfileDto profile;
        try
        {
            tokens = await accounts.ExchangeCodeAsync(code, cancellationToken);
            profile = await api.GetProfileAsync(tokens.AccessToken, cancellationToken);
        }
        catch (SpotifyNotAllowListedException ex)
        {
            LogNotAllowListed(logger, identity);
            return new LinkResult(LinkOutcome.NotAllowListed, Platform: identity.Platform, Message: ex.Message);
        }
        catch (SpotifyException ex)
        {
            LogTokenError(logger, ex, identity);
            return new LinkResult(LinkOutcome.TokenError, Platform: identity.Platform, Message: ex is SpotifyRelinkRequiredException
                ? "Spotify did not accept this sign-in (the code was already used or expired). Send /link in the chat again."
                : ex.Message);
        }

        var userId = await StoreLinkAsync(identity, tokens, profile, cancellationToken);
        await FetchInitialPlaysAsync(userId, cancellationToken);
        return new LinkResult(LinkOutcome.Linked, profile.DisplayName ?? profile.Id, identity.Platform);
    }

    private async Task<string> StoreLinkAsync(ChatIdentity identity, SpotifyTokens tokens, SpotifyProfileDto profile, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var local = await users.GetAsync(identity.LocalUserId, cancellationToken);
        var userId = await FindUserIdAsync(profile, cancellationToken);
        // Field-level writes only: a poll or refresh of an existing user running meanwhile keeps what it wrote.
        await users.CreateAsync(
            new User
            {
                SpotifyId = userId,
                JoinedAt = local?.JoinedAt ?? now,
                TimeZone = local?.TimeZone ?? "UTC",
                HasFullImport = local?.HasFullImport ?? false,
            },
            cancellationToken);
        if (local?.HasFullImport == true)
        {
            await users.MarkFullImportAsync(userId, cancellationToken);
        }

        await users.StoreLinkAsync(
            userId,
            new LinkGrant(profile.AccountId, profile.DisplayName, protector.Protect(tokens.AccessToken), protector.Protect(tokens.RefreshToken), tokens.ExpiresAt, now),
            cancellationToken);
        await chatLinks.SetAsync(identity, userId, cancellationToken);
        var moved = await plays.ReassignAsync(identity.LocalUserId, userId, cancellationToken);
        await importJobs.ReassignAsync(identity.LocalUserId, userId, cancellationToken);
        if (local is not null)
        {
            await users.DeleteAsync(identity.LocalUserId, cancellationToken);
        }

        LogLinked(logger, identity, userId, moved.Inserted);
        return userId;
    }

    /// <summary>
    /// The user a consent belongs to, keyed on Spotify's <c>account_id</c> (Spotify: the user id is not for account
    /// linking). Records stored before the account id was kept are found by their Spotify user id; a new user gets the
    /// Spotify user id as its key.
    /// </summary>
    private async Task<string> FindUserIdAsync(SpotifyProfileDto profile, CancellationToken cancellationToken)
    {
        if (profile.AccountId is { Length: > 0 } accountId && await users.FindByAccountIdAsync(accountId, cancellationToken) is { } byAccount)
        {
            return byAccount.SpotifyId;
        }

        return profile.Id;
    }

    private async Task FetchInitialPlaysAsync(string spotifyId, CancellationToken cancellationToken)
    {
        try
        {
            var result = await poller.PollAsync(spotifyId, cancellationToken);
            LogInitialPlays(logger, spotifyId, result.Inserted);
        }
        catch (SpotifyException ex)
        {
            // The link itself succeeded; the tracking worker fetches the same 50 plays on its first poll.
            LogInitialPlaysFailed(logger, ex, spotifyId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth callback with an unknown, expired or reused state")]
    private static partial void LogInvalidState(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} did not grant Spotify access ({Error})")]
    private static partial void LogDenied(ILogger logger, ChatIdentity identity, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} is not on the Spotify app's allow-list")]
    private static partial void LogNotAllowListed(ILogger logger, ChatIdentity identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Linking {Identity} failed at Spotify")]
    private static partial void LogTokenError(ILogger logger, Exception exception, ChatIdentity identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked {Identity} to Spotify user {SpotifyId}; moved {Moved} plays from the local id")]
    private static partial void LogLinked(ILogger logger, ChatIdentity identity, string spotifyId, int moved);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched the recent plays of {SpotifyId}: {Inserted} new")]
    private static partial void LogInitialPlays(ILogger logger, string spotifyId, int inserted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the recent plays of {SpotifyId} right after linking")]
    private static partial void LogInitialPlaysFailed(ILogger logger, Exception exception, string spotifyId);
}
