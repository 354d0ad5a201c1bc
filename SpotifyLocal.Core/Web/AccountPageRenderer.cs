using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>
/// The account page (<c>/web/account</c>), the forget confirmation and the goodbye page: plain HTML in the shared page
/// frame, every form a POST carrying the session's CSRF token (<see cref="WebForms.TokenField"/>). The texts are the
/// chat commands' (/link, /unlink, /timezone, /weekly, /forget), so both sides say the same.
/// </summary>
public static class AccountPageRenderer
{
    /// <summary>The notices a redirect after a form names with <c>?done=</c> (fixed texts: nothing from the URL is shown).</summary>
    private static string? Notice(string? done, AccountOverview account) => done switch
    {
        "timezone" => $"Time zone set to {account.User.TimeZone}. Weeks, months and days now follow it.",
        "unlinked" => "Spotify is disconnected: live tracking stopped and your tokens are deleted. Your stored plays stay; \"Delete everything\" below deletes them.",
        "not-linked" => "This chat account is not linked to Spotify.",
        "weekly-on" => "Weekly summary on: every Monday morning (your time zone) you get your top artists and tracks of the week before.",
        "weekly-off" => "Weekly summary off.",
        _ => null,
    };

    public static string Account(AccountOverview account, WebSession session, string? done, string? error)
    {
        var token = WebForms.TokenField(session);
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<h1>Your account</h1><nav><a id=\"nav-dashboard\" href=\"{WebEndpoints.DashboardPath}\">Dashboard</a> <strong>Account</strong></nav>");
        if (Notice(done, account) is { } notice)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"notice\" class=\"notice\">{Encode(notice)}</p>");
        }

        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"error\" class=\"error\">{Encode(error)}</p>");
        }

        AppendSpotify(body, account, token);
        var zone = Encode(account.User.TimeZone);
        body.Append(CultureInfo.InvariantCulture, $"""
            <section id="time-zone"><h2>Time zone</h2>
            <p>Weeks, months and days here and in the chat follow <strong id="current-timezone">{zone}</strong>.</p>
            <form id="timezone-form" method="post" action="{WebAccountEndpoints.TimeZonePath}">{token}<label>IANA time zone <input id="timezone-input" name="timeZone" value="{zone}" placeholder="Europe/Berlin" autocomplete="off" required></label> <button id="timezone-button">Save</button></form>
            </section>
            """);
        AppendWeekly(body, account, token);
        body.Append(CultureInfo.InvariantCulture, $"""
            <section id="export"><h2>Your data</h2>
            <p>Download every play stored for you, with every field the bot keeps (times in UTC):</p>
            <p><a id="export-json" href="{WebAccountEndpoints.ExportJsonPath}" download>JSON</a> <a id="export-csv" href="{WebAccountEndpoints.ExportCsvPath}" download>CSV (spreadsheets)</a></p>
            <p>Podcast episodes and audiobook chapters are kept apart from music; download them too:</p>
            <p><a id="export-episodes-json" href="{WebAccountEndpoints.ExportEpisodesJsonPath}" download>JSON</a> <a id="export-episodes-csv" href="{WebAccountEndpoints.ExportEpisodesCsvPath}" download>CSV (spreadsheets)</a></p>
            </section>
            <section id="forget"><h2>Delete everything</h2>
            <p>Deletes every play, import and setting stored about you, your Spotify link and your linked chat accounts. You confirm on the next page.</p>
            <p><a id="forget-link" href="{WebAccountEndpoints.ForgetPath}">Delete everything about me…</a></p>
            </section>
            """);
        return WebPageRenderer.Page("Your account", body.ToString());
    }

    /// <summary>The step before <c>/forget</c>: what goes, the downloads, and the one button that deletes.</summary>
    public static string ConfirmForget(WebSession session)
    {
        var body = $"""
            <h1>Delete everything?</h1><nav><a id="nav-dashboard" href="{WebEndpoints.DashboardPath}">Dashboard</a> <a id="nav-account" href="{WebAccountEndpoints.AccountPath}">Account</a></nav>
            <p id="forget-warning" class="error">This deletes everything stored about you and cannot be undone: every play and import, your Spotify link and its tokens, this and your other linked chat accounts, your weekly summary and your visibility in servers. Live tracking stops and this page signs you out.</p>
            <p>Keep a copy first? Music: <a href="{WebAccountEndpoints.ExportJsonPath}" download>JSON</a> · <a href="{WebAccountEndpoints.ExportCsvPath}" download>CSV</a>; podcasts and audiobooks: <a href="{WebAccountEndpoints.ExportEpisodesJsonPath}" download>JSON</a> · <a href="{WebAccountEndpoints.ExportEpisodesCsvPath}" download>CSV</a></p>
            <form id="forget-form" method="post" action="{WebAccountEndpoints.ForgetPath}">{WebForms.TokenField(session)}<input type="hidden" name="confirm" value="yes"><button id="forget-button" class="danger">Yes, delete everything</button></form>
            <p><a id="forget-cancel" href="{WebAccountEndpoints.AccountPath}">No, keep my data</a></p>
            """;
        return WebPageRenderer.Page("Delete everything?", body);
    }

    public static string Goodbye(long deletedPlays) => WebPageRenderer.Page(
        "Goodbye",
        $"<h1>Goodbye</h1><p id=\"goodbye\">Done: {deletedPlays.ToString("N0", CultureInfo.InvariantCulture)} plays, your import history, your Spotify link and everything else stored about you are deleted, and this browser is signed out.</p>"
        + "<p>If you linked Spotify, you can also remove SpotifyLocal under Apps on your Spotify account page. Send /web in the chat to start afresh.</p>");

    private static void AppendSpotify(StringBuilder body, AccountOverview account, string token)
    {
        var user = account.User;
        var name = Encode(user.DisplayName ?? user.SpotifyId);
        body.Append("<section id=\"spotify\"><h2>Spotify</h2>");
        body.Append(user.LinkState switch
        {
            LinkState.Linked => $"<p id=\"link-state\">Linked to Spotify account <strong>{name}</strong>{Since(user.ConsentedAt)}: what you play is recorded. Spotify's access lasts six months; link again before it ends.</p>",
            LinkState.NeedsRelink => $"<p id=\"link-state\">Spotify ended the link to <strong>{name}</strong> (revoked or expired): live tracking is paused until you link again.</p>",
            _ => "<p id=\"link-state\">Not linked to Spotify: imports and stats work; live tracking needs a link.</p>",
        });
        if (account.PendingAccountName is { } pending)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"link-pending\" class=\"notice\">Spotify agreed to share <strong>{Encode(pending)}</strong>. Nothing is linked yet: confirm it in your chat (press Continue under the /link message, or send /link continue) within 10 minutes of starting.</p>");
        }

        if (user.LinkState == LinkState.Linked)
        {
            body.Append(CultureInfo.InvariantCulture, $"<form id=\"unlink-form\" method=\"post\" action=\"{WebAccountEndpoints.UnlinkPath}\">{token}<button id=\"unlink-button\">Disconnect Spotify</button> <small>Stops live tracking and deletes your Spotify tokens; your stored plays stay.</small></form>");
        }
        else if (account.LinkingEnabled)
        {
            body.Append(CultureInfo.InvariantCulture, $"<form id=\"link-form\" method=\"post\" action=\"{WebAccountEndpoints.LinkPath}\">{token}<button id=\"link-button\">Link Spotify</button> <small>Opens Spotify's page. Nothing is linked until you confirm the account in your chat afterwards (Continue under the question, or /link continue), within 10 minutes.</small></form>");
        }
        else
        {
            body.Append("<p class=\"muted\">Live Spotify tracking is not set up on this bot. You can still import your Spotify data export.</p>");
        }

        body.Append("</section>");
    }

    private static void AppendWeekly(StringBuilder body, AccountOverview account, string token)
    {
        body.Append("<section id=\"weekly\"><h2>Weekly summary</h2>");
        if (account.WeeklyEnabled is { } enabled)
        {
            var (state, next, label) = enabled ? ("on", "off", "Turn off") : ("off", "on", "Turn on");
            body.Append(CultureInfo.InvariantCulture, $"""
                <p id="weekly-state">Your weekly summary is {state}. When on, every Monday morning in your time zone the bot sends you, in Telegram, your top artists and tracks of the week before.</p>
                <form id="weekly-form" method="post" action="{WebAccountEndpoints.WeeklyPath}">{token}<input type="hidden" name="weekly" value="{next}"><button id="weekly-button">{label}</button></form>
                """);
        }
        else
        {
            body.Append(CultureInfo.InvariantCulture, $"<p id=\"weekly-state\">{Encode(WeeklyElsewhere(account.Identity))}</p>");
        }

        body.Append("</section>");
    }

    /// <summary>Where a private weekly summary comes from for an identity that cannot get one here.</summary>
    private static string WeeklyElsewhere(ChatIdentity identity) => identity.Platform == ChatIdentity.Discord
        ? "Private weekly summaries are sent in Telegram: send /weekly on to the bot in a private Telegram chat. On Discord, a server's admins post one weekly summary for everybody with /weekly channel:#stats; it counts you only if you ran /visibility state:on in that server."
        : "Private weekly summaries are sent in Telegram: send /weekly on to the bot in a private Telegram chat.";

    private static string Since(DateTimeOffset? consentedAt) =>
        consentedAt is { } at ? " since " + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty;

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
}
