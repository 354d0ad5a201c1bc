using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Core.Web;

/// <summary>The server-rendered personal pages: plain HTML that reads on a phone, the bot's PNG charts, no inline script or style.</summary>
public static class WebPageRenderer
{
    private static readonly string[] QuickPeriods = ["week", "month", "year", "all"];

    public static string Message(string title, string text) => Page(title, $"<h1>{Encode(title)}</h1><p>{Encode(text)}</p>");

    public static string Dashboard(Dashboard dashboard, string? periodText, IReadOnlyList<Play> recent, IReadOnlyList<ImportJob> imports)
    {
        var period = Uri.EscapeDataString(periodText ?? string.Empty);
        var body = new StringBuilder();
        body.Append("<h1>Your listening</h1><nav>");
        body.Append(CultureInfo.InvariantCulture, $"<a id=\"nav-upload\" href=\"{WebUploadEndpoints.UploadPath}\">import an export</a> ");
        foreach (var quick in QuickPeriods)
        {
            body.Append(CultureInfo.InvariantCulture, $"<a href=\"{WebEndpoints.DashboardPath}?period={quick}\">{quick}</a> ");
        }

        body.Append(CultureInfo.InvariantCulture, $"<a id=\"nav-account\" href=\"{WebAccountEndpoints.AccountPath}\">Account</a>");

        body.Append(CultureInfo.InvariantCulture, $"""
            </nav><form method="get" action="{WebEndpoints.DashboardPath}"><label>Period <input name="period" value="{Encode(periodText)}" placeholder="2024, 2024-03, 30d"></label> <button>Show</button></form>
            <h2 id="period">{Encode(dashboard.Period)}</h2>
            <p id="totals"><strong id="total-plays">{dashboard.TotalPlays}</strong> plays · <strong>{Duration(dashboard.ListeningMs)}</strong> listened · {dashboard.DistinctTracks} songs · {dashboard.DistinctArtists} artists · {dashboard.DistinctAlbums} albums <small>({Encode(dashboard.TimeZone)})</small></p>
            """);
        if (dashboard.TotalPlays > 0)
        {
            body.Append(CultureInfo.InvariantCulture, $"<img alt=\"Listening per day\" src=\"/web/charts/daily.png?period={period}\"><img alt=\"Listening clock\" src=\"/web/charts/clock.png?period={period}\">");
        }

        AppendTop(body, "Top tracks", dashboard.TopTracks);
        AppendTop(body, "Top artists", dashboard.TopArtists);
        AppendTop(body, "Top albums", dashboard.TopAlbums);
        body.Append("<h2>Recent plays</h2><ol>");
        foreach (var play in recent)
        {
            body.Append(CultureInfo.InvariantCulture, $"<li>{Encode(play.TrackName)} – {Encode(play.ArtistName)} <small>{play.PlayedAt:yyyy-MM-dd HH:mm} UTC</small></li>");
        }

        body.Append(CultureInfo.InvariantCulture, $"</ol><h2>Your imports</h2><p><a id=\"imports-all\" href=\"{WebUploadEndpoints.UploadPath}\">Upload an export · every import</a></p>");
        WebUploadPageRenderer.AppendHistory(body, imports);
        return Page("Your listening", body.ToString());
    }

    private static void AppendTop(StringBuilder body, string title, IReadOnlyList<DashboardItem> items)
    {
        body.Append(CultureInfo.InvariantCulture, $"<h2>{title}</h2><ol>");
        foreach (var item in items)
        {
            var artist = item.Artist is null ? string.Empty : " – " + Encode(item.Artist);
            body.Append(CultureInfo.InvariantCulture, $"<li>{Encode(item.Name)}{artist} <small>{item.Plays} plays · {Duration(item.ListeningMs)}</small></li>");
        }

        body.Append("</ol>");
    }

    private static string Duration(long ms)
    {
        var time = TimeSpan.FromMilliseconds(ms);
        return time.TotalHours >= 1 ? $"{(long)time.TotalHours} h {time.Minutes} min" : $"{time.Minutes} min";
    }

    /// <summary>
    /// The shared page frame: the phone viewport, <see cref="WebAssets.StylesheetPath"/>, and the given scripts from
    /// <see cref="WebAssets.PathPrefix"/> (the CSP runs no inline script without the request's nonce).
    /// </summary>
    public static string Page(string title, string body, params IReadOnlyList<string> scripts)
    {
        var tags = string.Concat(scripts.Select(s => $"<script src=\"{Encode(s)}\" defer></script>"));
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>SpotifyLocal – {Encode(title)}</title>
            <link rel="stylesheet" href="{WebAssets.StylesheetPath}">{tags}</head>
            <body>{body}</body>
            </html>
            """;
    }

    private static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? string.Empty);
}
