using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Web;

/// <summary>The podcast and audiobook downloads of the account page, over real HTTP like the music ones.</summary>
public sealed partial class WebAccountTests
{
    [Fact]
    public async Task The_episode_json_export_holds_exactly_the_signed_in_persons_podcast_and_audiobook_entries_oldest_first()
    {
        await using var host = await StartAsync();
        var episodes = host.Get<IEpisodePlayStore>();
        var chapter = EpisodePlay.Create(
            Alice.LocalUserId, T0.AddTicks(1_234_567), "spotify:chapter:ch1", "Chapter 1: Ørsted", "Bøker & Co", EpisodeKind.Audiobook, 1_800_000, PlaySource.AccountData);
        // More than one page of the export (1,000 a page), so the pages are stitched together exactly.
        var many = Enumerable.Range(0, 1_234)
            .Select(i => EpisodePlay.Create(Alice.LocalUserId, T0.AddMinutes(1 + i), $"spotify:episode:e{i % 7}", $"Episode {i % 7}", "Show", EpisodeKind.Podcast, 60_000, PlaySource.Import))
            .ToList();
        await episodes.InsertAsync([chapter, .. many], Ct);
        await episodes.InsertAsync([Episode(Bob.LocalUserId, "Bob's show", "Bob's episode", T0), Episode(Bob.LocalUserId, "Bob's show", "Bob's other", T0.AddHours(1))], Ct);
        await host.Get<IPlayStore>().InsertAsync(Plays.For(Alice.LocalUserId).Starting(T0).Count(3).Build(), Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var bob = await WebSessionTests.SignInAsync(host, Bob);

        using var aliceExport = await WebSessionTests.SendAsync(host, alice, WebAccountEndpoints.ExportEpisodesJsonPath);
        using var bobExport = await WebSessionTests.SendAsync(host, bob, WebAccountEndpoints.ExportEpisodesJsonPath + "?userId=" + Uri.EscapeDataString(Alice.LocalUserId));
        var aliceRoot = await JsonAsync(aliceExport);
        var aliceEpisodes = aliceRoot.GetProperty("episodes");
        var bobEpisodes = (await JsonAsync(bobExport)).GetProperty("episodes");

        Assert.Equal("application/json", aliceExport.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", aliceExport.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("spotifylocal-episodes.json", aliceExport.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(aliceExport.Headers.CacheControl?.NoStore);
        Assert.False(aliceRoot.TryGetProperty("plays", out _));
        Assert.Equal(1_235, aliceEpisodes.GetArrayLength());
        Assert.All(aliceEpisodes.EnumerateArray(), e => Assert.Equal(Alice.LocalUserId, e.GetProperty("userId").GetString()));
        var first = aliceEpisodes[0];
        Assert.Equal(
            ["userId", "playedAt", "episodeId", "episodeName", "showName", "kind", "msPlayed", "source"],
            first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(chapter.PlayedAt, first.GetProperty("playedAt").GetDateTimeOffset());
        Assert.Equal("spotify:chapter:ch1", first.GetProperty("episodeId").GetString());
        Assert.Equal("Chapter 1: Ørsted", first.GetProperty("episodeName").GetString());
        Assert.Equal("Bøker & Co", first.GetProperty("showName").GetString());
        Assert.Equal("audiobook", first.GetProperty("kind").GetString());
        Assert.Equal(1_800_000, first.GetProperty("msPlayed").GetInt32());
        Assert.Equal("accountData", first.GetProperty("source").GetString());
        Assert.Equal("podcast", aliceEpisodes[1].GetProperty("kind").GetString());
        Assert.Equal("import", aliceEpisodes[1].GetProperty("source").GetString());
        Assert.Equal("spotify:episode:e0", aliceEpisodes[1].GetProperty("episodeId").GetString());
        Assert.Equal(many[^1].PlayedAt, aliceEpisodes[1_234].GetProperty("playedAt").GetDateTimeOffset());
        Assert.Equal("spotify:episode:e1", aliceEpisodes[1_234].GetProperty("episodeId").GetString());
        Assert.Equal(["Bob's episode", "Bob's other"], bobEpisodes.EnumerateArray().Select(e => e.GetProperty("episodeName").GetString()));
    }

    [Fact]
    public async Task The_episode_csv_export_holds_exactly_the_signed_in_persons_entries_quoted_per_rfc_4180_with_formulas_neutralised()
    {
        await using var host = await StartAsync();
        host.Spotify.AddAccount("alice", "Alice A.");
        await host.LinkAsync(Alice, "alice");
        await host.Get<IEpisodePlayStore>().InsertAsync(
            [
                Episode("alice", "=HYPERLINK(\"http://evil.example\",\"click\")", "Say \"Hi\"\nTwice", T0),
                Episode("alice", "Talk, Show", "+1 -minus", T0.AddMinutes(5)),
                Episode("alice", "Plain", "@SUM(A1)", T0.AddMinutes(10)),
                Episode(Bob.LocalUserId, "Bob's secret show", "Bob's episode", T0.AddMinutes(1)),
            ],
            Ct);
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        using var export = await WebSessionTests.SendAsync(host, alice, WebAccountEndpoints.ExportEpisodesCsvPath);
        var raw = await export.Content.ReadAsStringAsync(Ct);
        var rows = ParseCsv(raw);
        string Cell(int row, string column) => rows[row][Array.IndexOf(rows[0], column)];

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("spotifylocal-episodes.csv", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(["userId", "playedAt", "episodeId", "episodeName", "showName", "kind", "msPlayed", "source"], rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows.Skip(1), r => Assert.Equal("alice", r[0]));
        Assert.DoesNotContain("Bob's", raw);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"click\")", Cell(1, "showName"));
        Assert.Equal("Say \"Hi\"\nTwice", Cell(1, "episodeName"));
        Assert.Contains("\"Say \"\"Hi\"\"\nTwice\"", raw);
        Assert.Equal("Talk, Show", Cell(2, "showName"));
        Assert.Equal("'+1 -minus", Cell(2, "episodeName"));
        Assert.Equal("'@SUM(A1)", Cell(3, "episodeName"));
        Assert.Equal("podcast", Cell(3, "kind"));
        Assert.Equal("600000", Cell(3, "msPlayed"));
        Assert.Equal("import", Cell(3, "source"));
        Assert.Equal(T0.AddMinutes(10), DateTimeOffset.Parse(Cell(3, "playedAt"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(4, Regex.Count(raw, "\r\n"));
        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_page_and_the_forget_confirmation_link_the_episode_downloads()
    {
        await using var host = await StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        var account = await GetPageAsync(host, alice, WebAccountEndpoints.AccountPath);
        var confirm = await GetPageAsync(host, alice, WebAccountEndpoints.ForgetPath);

        Assert.Contains($"<a id=\"export-episodes-json\" href=\"{WebAccountEndpoints.ExportEpisodesJsonPath}\" download>", account);
        Assert.Contains($"<a id=\"export-episodes-csv\" href=\"{WebAccountEndpoints.ExportEpisodesCsvPath}\" download>", account);
        Assert.Contains($"href=\"{WebAccountEndpoints.ExportEpisodesJsonPath}\" download", confirm);
        Assert.Contains($"href=\"{WebAccountEndpoints.ExportEpisodesCsvPath}\" download", confirm);
    }

    /// <summary>A ten-minute podcast entry whose id is made from its names.</summary>
    private static EpisodePlay Episode(string userId, string show, string name, DateTimeOffset at) =>
        EpisodePlay.Create(userId, at, EpisodePlay.IdFromNames(show, name), name, show, EpisodeKind.Podcast, 600_000, PlaySource.Import);
}
