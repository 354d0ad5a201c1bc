using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Accounts;

/// <summary>
/// The one owner of an account's lifecycle, step by step: a chat identity's user → /link (<see cref="RequestLink"/>) →
/// Spotify's consent (<see cref="ReceiveConsentAsync"/>) → the requesting chat confirms the named account
/// (<see cref="ConfirmLinkAsync"/>), and the identity already holding that account approves (<see cref="DecideAsync"/>)
/// → token refresh → /unlink → /forget. Each step is a small set of field-level store writes (never a whole-record
/// replace), so steps that run side by side (a poll, a token refresh, /timezone, /unlink) cannot undo one another.
/// </summary>
public sealed partial class AccountLifecycleService(
    IOptions<SpotifyOptions> options,
    PendingLinkStore pendingLinks,
    IServiceProvider services,
    IUserStore users,
    IChatLinkStore chatLinks,
    IPlayStore plays,
    IEpisodePlayStore episodePlays,
    IImportJobStore importJobs,
    IServerSettingsStore servers,
    IWeeklySubscriptionStore weeklySubscriptions,
    ISummaryLedgerStore summaryLedger,
    ITokenProtector protector,
    IChatNotifier notifier,
    AccountWriters writers,
    IPlayMoveStore moves,
    PlayMoveService moveService,
    Web.WebSessions webSessions,
    TimeProvider time,
    ILogger<AccountLifecycleService> logger)
{
    /// <summary>The user id the identity's plays live under.</summary>
    public async Task<string> ResolveUserIdAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        await chatLinks.GetUserIdAsync(identity, cancellationToken) ?? identity.LocalUserId;

    /// <summary>The identity's user record, or a fresh (unsaved) one with defaults when none is stored yet.</summary>
    public async Task<User> GetUserAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var userId = await ResolveUserIdAsync(identity, cancellationToken);
        return await users.GetAsync(userId, cancellationToken) ?? NewUser(userId);
    }

    /// <summary>Sets the time zone used for the identity's periods and summaries; the id must be a known IANA zone.</summary>
    public async Task<string> SetTimeZoneAsync(ChatIdentity identity, string timeZoneId, CancellationToken cancellationToken)
    {
        var ianaId = UserTimeZones.RequireIanaId(timeZoneId);
        var userId = await ResolveUserIdAsync(identity, cancellationToken);
        await users.CreateAsync(NewUser(userId), cancellationToken);
        await users.SetTimeZoneAsync(userId, ianaId, cancellationToken);
        return ianaId;
    }

    /// <summary>Token refresh: stores Spotify's new tokens unless the link changed meanwhile (an /unlink or a new /link wins).</summary>
    public async Task<bool> StoreRefreshedTokensAsync(User refreshed, SpotifyTokens tokens, CancellationToken cancellationToken) =>
        await users.ReplaceTokensAsync(
            refreshed.SpotifyId,
            refreshed.EncryptedRefreshToken!,
            protector.Protect(tokens.AccessToken),
            protector.Protect(tokens.RefreshToken),
            tokens.ExpiresAt,
            cancellationToken);

    /// <summary>
    /// Spotify ended the link (revoked, expired, or the token key is lost): stops tracking and tells each chat identity,
    /// once. Only the link that failed ends; one replaced meanwhile by /unlink or a new /link is left alone.
    /// </summary>
    public async Task EndFailedLinkAsync(User failed, string text, CancellationToken cancellationToken)
    {
        if (failed.EncryptedRefreshToken is null
            || !await users.EndLinkAsync(failed.SpotifyId, LinkState.NeedsRelink, failed.EncryptedRefreshToken, cancellationToken))
        {
            return;
        }

        foreach (var identity in await chatLinks.ListForUserAsync(failed.SpotifyId, cancellationToken))
        {
            await notifier.NotifyAsync(identity, new ChatNotice(text, OfferLink: true), cancellationToken);
        }
    }

    /// <summary>Drops the Spotify tokens and this chat link; stored plays stay with the Spotify id.</summary>
    public async Task<bool> UnlinkAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var userId = await chatLinks.GetUserIdAsync(identity, cancellationToken);
        if (userId is null)
        {
            return false;
        }

        await users.EndLinkAsync(userId, LinkState.NotLinked, expectedEncryptedRefreshToken: null, cancellationToken);
        await chatLinks.RemoveAsync(identity, cancellationToken);
        logger.LogInformation("Unlinked {Platform} identity from user {UserId}", identity.Platform, userId);
        return true;
    }

    /// <summary>
    /// /forget: deletes everything stored about the person behind <paramref name="identity"/>: the Spotify user it is
    /// linked to (plays, rollups, podcast/audiobook entries, import jobs, the user record with its tokens) and every chat identity linked to that
    /// user (their local data, chat links, weekly subscriptions, summary records and server visibility). Running polls,
    /// imports and play moves for them are cancelled and awaited first, and new ones are refused until it is done, so
    /// tracking stops and nothing is written back. Returns the plays deleted.
    /// </summary>
    public async Task<long> ForgetAsync(ChatIdentity identity, CancellationToken cancellationToken)
    {
        var linkedUserId = await chatLinks.GetUserIdAsync(identity, cancellationToken);
        var identities = new HashSet<ChatIdentity> { identity };
        if (linkedUserId is not null)
        {
            identities.UnionWith(await chatLinks.ListForUserAsync(linkedUserId, cancellationToken));
        }

        var userIds = new HashSet<string>(identities.Select(i => i.LocalUserId), StringComparer.Ordinal);
        if (linkedUserId is not null)
        {
            userIds.Add(linkedUserId);
        }

        pendingLinks.Forget(identities);
        using var stopped = await writers.StopAsync(userIds);
        long deleted = 0;
        foreach (var userId in userIds)
        {
            await moves.RemoveAsync(userId, cancellationToken);
            // Tracking stops first: a user without tokens is never polled again.
            await users.EndLinkAsync(userId, LinkState.NotLinked, expectedEncryptedRefreshToken: null, cancellationToken);
            deleted += await plays.DeleteUserAsync(userId, cancellationToken);
            await episodePlays.DeleteUserAsync(userId, cancellationToken);
            await importJobs.DeleteUserAsync(userId, cancellationToken);
            await users.DeleteAsync(userId, cancellationToken);
        }

        foreach (var person in identities)
        {
            // A browser signed in by /web must not outlive the person it acts for.
            webSessions.EndAll(person);
            await chatLinks.RemoveAsync(person, cancellationToken);
            await weeklySubscriptions.SetAsync(person, false, cancellationToken);
            await summaryLedger.DeleteTargetAsync(Summaries.SummaryTarget.KeyOf(Summaries.SummaryTargetKind.User, person.Platform, person.ChatUserId), cancellationToken);
            if (person.Platform == ChatIdentity.Discord)
            {
                await servers.RemoveVisibleEverywhereAsync(person.ChatUserId, cancellationToken);
            }
        }

        logger.LogInformation("Forgot {Count} plays and {Identities} chat identities of a {Platform} identity", deleted, identities.Count, identity.Platform);
        return deleted;
    }

    /// <summary>How many plays an export reads from the store at a time.</summary>
    public const int ExportPageSize = 1_000;

    /// <summary>
    /// Every stored play of the person behind <paramref name="identity"/>, read a page at a time (an export of a million
    /// plays never holds them all): any still under the identity's own id (a move after linking not finished yet), then the
    /// linked user's, each oldest first.
    /// </summary>
    public IAsyncEnumerable<Play> ReadPlaysAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        ReadPagesAsync<Play>(
            identity, (userId, last, ct) => plays.GetPageAsync(userId, last is null ? null : PlayCursor.After(last), ExportPageSize, ct), cancellationToken);

    /// <summary>Every stored podcast episode and audiobook chapter of the person, read like <see cref="ReadPlaysAsync"/>.</summary>
    public IAsyncEnumerable<EpisodePlay> ReadEpisodesAsync(ChatIdentity identity, CancellationToken cancellationToken) =>
        ReadPagesAsync<EpisodePlay>(
            identity, (userId, last, ct) => episodePlays.GetPageAsync(userId, last is null ? null : EpisodeCursor.After(last), ExportPageSize, ct), cancellationToken);

    /// <summary>Pages of one store for the identity's own id, then its linked user's; a page continues after the last row of the one before.</summary>
    private async IAsyncEnumerable<T> ReadPagesAsync<T>(
        ChatIdentity identity,
        Func<string, T?, CancellationToken, Task<IReadOnlyList<T>>> pageAfter,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where T : class
    {
        var userId = await ResolveUserIdAsync(identity, cancellationToken);
        // Local first: a row a running move takes to the linked user meanwhile is then read twice at worst, never missed.
        string[] userIds = userId == identity.LocalUserId ? [userId] : [identity.LocalUserId, userId];
        foreach (var id in userIds)
        {
            T? last = null;
            while (true)
            {
                var page = await pageAfter(id, last, cancellationToken);
                foreach (var row in page)
                {
                    yield return row;
                }

                if (page.Count < ExportPageSize)
                {
                    break;
                }

                last = page[^1];
            }
        }
    }

    /// <summary>False when the bot has no Spotify app configured: /link explains that, import and stats still work.</summary>
    public bool IsLinkingEnabled => options.Value.IsConfigured;

    /// <summary>/link: the Spotify authorize URL for this chat identity; its state is single-use and expires in 10 minutes.</summary>
    /// <exception cref="SpotifyNotConfiguredException">No Spotify app is configured.</exception>
    public string RequestLink(ChatIdentity identity)
    {
        var settings = options.Value;
        if (!settings.IsConfigured)
        {
            throw new SpotifyNotConfiguredException();
        }

        var state = pendingLinks.Create(identity);
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

    /// <summary>
    /// Spotify's redirect (<c>code</c> or <c>error</c>, plus <c>state</c>): exchanges the code and reads the profile, then
    /// keeps the consent in memory for the requesting chat to confirm. Links nothing by itself: whoever consents in the
    /// browser may not be whoever asked in the chat.
    /// </summary>
    public async Task<LinkResult> ReceiveConsentAsync(string? state, string? code, string? error, CancellationToken cancellationToken)
    {
        var request = pendingLinks.Consume(state);
        if (request is null)
        {
            LogInvalidState(logger);
            return new LinkResult(LinkOutcome.InvalidState, Message: "This link is unknown, expired or already used. Send /link in the chat again to get a new one.");
        }

        var identity = request.Identity;
        // access_denied is the user's "Cancel"; any other error (RFC 6749 §4.1.2.1) means Spotify refused the bot's own request.
        if (!string.IsNullOrEmpty(error) && error != "access_denied")
        {
            var known = error.Length <= 40 && error.All(c => c is (>= 'a' and <= 'z') or '_') ? error : "an unknown error";
            LogAuthorizeRefused(logger, identity, known);
            return new LinkResult(LinkOutcome.RequestRefused, Platform: identity.Platform, Message: known == "invalid_scope"
                ? "Spotify refused this bot's sign-in request (invalid_scope): its Spotify:Scopes setting names a scope Spotify does not know. Nothing was linked; please tell the bot's owner."
                : $"Spotify refused this bot's sign-in request ({known}): a problem with the bot's Spotify settings, not with your account. Nothing was linked; please tell the bot's owner.");
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
            // Typed clients resolved per call: this service also serves hosts without a Spotify app.
            tokens = await services.GetRequiredService<SpotifyAccountsClient>().ExchangeCodeAsync(code, cancellationToken);
            profile = await services.GetRequiredService<SpotifyApiClient>().GetProfileAsync(tokens.AccessToken, cancellationToken);
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

        var consent = pendingLinks.AddConsent(id => new PendingConsent(id, identity, tokens, profile, request.ExpiresAt));
        LogConsentReceived(logger, identity);
        // Platforms that can message a user first (Telegram) get the question right away; everywhere /link's Continue asks it.
        await NotifyQuietlyAsync(identity, new ChatNotice(Question(consent.AccountName), OfferLink: false) { Commands = QuestionCommands(consent.Id, consent.AccountName) }, cancellationToken);
        return new LinkResult(LinkOutcome.AwaitingConfirmation, consent.AccountName, identity.Platform);
    }

    /// <summary>The text of the requester's confirmation question.</summary>
    public static string Question(string accountName) =>
        $"Link Spotify account {accountName}? Only confirm if that is your account and you just agreed on Spotify's page. Nothing is linked until you confirm.";

    /// <summary>The confirm and cancel buttons of the question.</summary>
    public static IReadOnlyList<NoticeCommand> QuestionCommands(string consentId, string accountName) =>
        [new($"Link {accountName}", $"/link confirm {consentId}"), new("Cancel", $"/link cancel {consentId}")];

    /// <summary>/link's Continue: the consent waiting for this identity's confirmation, if any.</summary>
    public LinkStep FindConsent(ChatIdentity identity) =>
        pendingLinks.FindConsentOf(identity) is { Holders: null } consent
            ? new LinkStep(LinkStepOutcome.Question, consent.Id, consent.AccountName)
            : new LinkStep(LinkStepOutcome.NothingPending);

    /// <summary>
    /// The requester confirms (or cancels) the named account. When the Spotify account is already linked to other chat
    /// identities, one of them must approve: they are asked, and nothing is linked until then.
    /// </summary>
    public async Task<LinkStep> ConfirmLinkAsync(ChatIdentity identity, string consentId, bool confirmed, CancellationToken cancellationToken)
    {
        if (pendingLinks.FindConsent(consentId) is not { Holders: null } consent || consent.Requester != identity)
        {
            return new LinkStep(LinkStepOutcome.NothingPending);
        }

        if (!confirmed)
        {
            pendingLinks.TakeConsent(consentId);
            return new LinkStep(LinkStepOutcome.Cancelled, consentId, consent.AccountName);
        }

        var userId = await FindUserIdAsync(consent.Profile, cancellationToken);
        var holders = (await chatLinks.ListForUserAsync(userId, cancellationToken)).Where(h => h != identity).ToList();
        if (holders.Count == 0)
        {
            return pendingLinks.TakeConsent(consentId) is { } taken
                ? await CompleteLinkAsync(taken, userId, cancellationToken)
                : new LinkStep(LinkStepOutcome.NothingPending);
        }

        if (!pendingLinks.Update(consent, consent with { Holders = holders }))
        {
            return new LinkStep(LinkStepOutcome.NothingPending);
        }

        var ask = new ChatNotice(
            $"Another chat account ({PlatformName(identity.Platform)}) asks to link your Spotify account {consent.AccountName} as well; it would see and delete your plays. "
            + "Approve only if that is you. Without an answer within 10 minutes it is refused.",
            OfferLink: false)
        {
            Commands = [new("Approve", $"/link approve {consentId}"), new("Refuse", $"/link refuse {consentId}")],
        };
        foreach (var holder in holders)
        {
            await NotifyQuietlyAsync(holder, ask, cancellationToken);
        }

        LogAwaitingApproval(logger, identity, holders.Count);
        return new LinkStep(LinkStepOutcome.AwaitingApproval, consentId, consent.AccountName);
    }

    /// <summary>A holder of the account approves or refuses a new link to it; the requester is told either way.</summary>
    public async Task<LinkStep> DecideAsync(ChatIdentity holder, string consentId, bool approved, CancellationToken cancellationToken)
    {
        if (pendingLinks.FindConsent(consentId) is not { Holders: { } holders } || !holders.Contains(holder)
            || pendingLinks.TakeConsent(consentId) is not { } consent)
        {
            return new LinkStep(LinkStepOutcome.NothingPending);
        }

        if (!approved)
        {
            LogRefused(logger, consent.Requester);
            await NotifyQuietlyAsync(consent.Requester, new ChatNotice($"The chat account that holds Spotify account {consent.AccountName} refused to share it, so nothing was linked.", OfferLink: false), cancellationToken);
            return new LinkStep(LinkStepOutcome.Refused, consentId, consent.AccountName);
        }

        var step = await CompleteLinkAsync(consent, await FindUserIdAsync(consent.Profile, cancellationToken), cancellationToken);
        await NotifyQuietlyAsync(consent.Requester, new ChatNotice($"Spotify account {consent.AccountName} is linked: its holder approved.", OfferLink: false), cancellationToken);
        return step;
    }

    private async Task<LinkStep> CompleteLinkAsync(PendingConsent consent, string userId, CancellationToken cancellationToken)
    {
        var identity = consent.Requester;
        var now = time.GetUtcNow();
        var local = await users.GetAsync(identity.LocalUserId, cancellationToken);
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
            new LinkGrant(consent.Profile.AccountId, consent.Profile.DisplayName, protector.Protect(consent.Tokens.AccessToken), protector.Protect(consent.Tokens.RefreshToken), consent.Tokens.ExpiresAt, now),
            cancellationToken);
        await chatLinks.SetAsync(identity, userId, cancellationToken);
        // What the identity stored under its local id moves in the background (PlayMoveWorker), recorded first so it
        // completes at the next start if cut short.
        await moves.AddAsync(new PlayMove(identity.LocalUserId, userId, now), cancellationToken);
        moveService.Request();
        LogLinked(logger, identity, userId);
        await FetchInitialPlaysAsync(userId, cancellationToken);
        return new LinkStep(LinkStepOutcome.Linked, consent.Id, consent.AccountName);
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
            // Resolved per call: the poller refreshes tokens through this service.
            var result = await services.GetRequiredService<Tracking.RecentPlaysPoller>().PollAsync(spotifyId, cancellationToken);
            LogInitialPlays(logger, spotifyId, result.Inserted);
        }
        catch (SpotifyException ex)
        {
            // The link itself succeeded; the tracking worker fetches the same 50 plays on its first poll.
            LogInitialPlaysFailed(logger, ex, spotifyId);
        }
    }

    private async Task NotifyQuietlyAsync(ChatIdentity to, ChatNotice notice, CancellationToken cancellationToken)
    {
        try
        {
            await notifier.NotifyAsync(to, notice, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "A link notice to a {Platform} identity failed", to.Platform);
        }
    }

    private static string PlatformName(string platform) => platform switch
    {
        ChatIdentity.Discord => "Discord",
        ChatIdentity.Telegram => "Telegram",
        ChatIdentity.Console => "the console",
        _ => platform,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "OAuth callback with an unknown, expired or reused state")]
    private static partial void LogInvalidState(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} did not grant Spotify access ({Error})")]
    private static partial void LogDenied(ILogger logger, ChatIdentity identity, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Spotify refused the authorize request of {Identity} with {Error}: check Spotify:Scopes and the app's redirect URI")]
    private static partial void LogAuthorizeRefused(ILogger logger, ChatIdentity identity, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} is not on the Spotify app's allow-list")]
    private static partial void LogNotAllowListed(ILogger logger, ChatIdentity identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Linking {Identity} failed at Spotify")]
    private static partial void LogTokenError(ILogger logger, Exception exception, ChatIdentity identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Spotify consent received for {Identity}; waiting for the chat to confirm")]
    private static partial void LogConsentReceived(ILogger logger, ChatIdentity identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} confirmed a Spotify account linked elsewhere; asked {Holders} holders to approve")]
    private static partial void LogAwaitingApproval(ILogger logger, ChatIdentity identity, int holders);

    [LoggerMessage(Level = LogLevel.Information, Message = "The holder of a Spotify account refused linking it to {Identity}")]
    private static partial void LogRefused(ILogger logger, ChatIdentity identity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Linked {Identity} to Spotify user {SpotifyId}; its local plays move in the background")]
    private static partial void LogLinked(ILogger logger, ChatIdentity identity, string spotifyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetched the recent plays of {SpotifyId}: {Inserted} new")]
    private static partial void LogInitialPlays(ILogger logger, string spotifyId, int inserted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the recent plays of {SpotifyId} right after linking")]
    private static partial void LogInitialPlaysFailed(ILogger logger, Exception exception, string spotifyId);

    private User NewUser(string userId) => new() { SpotifyId = userId, JoinedAt = time.GetUtcNow() };
}
