using OpenQA.Selenium;
using Microsoft.Extensions.Configuration;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Web.Browser;

/// <summary>The personal page as a person meets it: a real headless Chromium on the bot's real host (127.0.0.1).</summary>
public sealed class BrowserDashboardTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>, IDisposable
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");

    private readonly string _downloads = Directory.CreateTempSubdirectory("spotifylocal-browser-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_chat_link_opens_the_dashboard_and_switching_periods_changes_the_numbers()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var store = host.Get<IPlayStore>();
        await store.InsertAsync(Plays.For(Alice.LocalUserId).Starting(SpotifyTestHost.Start.AddDays(-2)).Count(5).Build(), Ct);
        await store.InsertAsync(Plays.For(Alice.LocalUserId).Starting(SpotifyTestHost.Start.AddDays(-200)).Count(20).Build(), Ct);
        var browser = chromium.Open(_downloads);

        browser.Navigate().GoToUrl(host.Get<WebLinks>().CreateLink(Alice));
        var addressAfterOpening = browser.Url;
        browser.FindElement(By.LinkText("week")).Click();
        var week = TotalPlays(browser, "week");
        browser.FindElement(By.LinkText("year")).Click();
        var year = TotalPlays(browser, "year");
        var periodBox = browser.FindElement(By.Name("period"));
        periodBox.Clear();
        periodBox.SendKeys("fortnight" + Keys.Enter);
        var refusal = Find(browser, By.XPath("//h1[text()='Unknown period']")).Text;

        Assert.Equal(host.BaseUrl + WebEndpoints.DashboardPath, addressAfterOpening);
        Assert.Equal("5", week);
        Assert.Equal("25", year);
        Assert.Equal("Unknown period", refusal);
    }

    [Fact]
    public async Task A_reused_or_expired_link_is_refused_in_the_browser()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var links = host.Get<WebLinks>();
        var used = links.CreateLink(Alice);
        var late = links.CreateLink(Alice);
        var browser = chromium.Open(_downloads);

        browser.Navigate().GoToUrl(used);
        var firstTime = browser.FindElement(By.TagName("h1")).Text;
        browser.Manage().Cookies.DeleteAllCookies();
        browser.Navigate().GoToUrl(used);
        var secondTime = browser.FindElement(By.TagName("body")).Text;
        host.Time.Advance(TimeSpan.FromMinutes(16));
        browser.Navigate().GoToUrl(late);
        var afterExpiry = browser.FindElement(By.TagName("body")).Text;
        browser.Navigate().GoToUrl(host.BaseUrl + WebEndpoints.DashboardPath);
        var withoutSession = browser.FindElement(By.TagName("h1")).Text;

        Assert.Equal("Your listening", firstTime);
        Assert.Contains("expired or was already used", secondTime);
        Assert.Contains("expired or was already used", afterExpiry);
        Assert.Equal("Not signed in", withoutSession);
    }

    [Fact]
    public async Task The_demo_export_uploaded_through_the_page_shows_its_progress_summary_and_plays()
    {
        var uploads = Path.Combine(_downloads, "uploads");
        var values = new Dictionary<string, string?> { ["Web:Upload:TempDirectory"] = uploads };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        await using var host = await SpotifyTestHost.StartAsync(values, services => services.AddImport(configuration));
        // The demo export's plays end 2026-11-20 22:00, after SpotifyTestHost.Start: a day later none is "in the future".
        host.Time.Advance(TimeSpan.FromDays(1));
        var browser = chromium.Open(_downloads);

        browser.Navigate().GoToUrl(host.Get<WebLinks>().CreateLink(Alice));
        browser.FindElement(By.Id("nav-upload")).Click();
        Find(browser, By.Id("upload-form"));
        browser.FindElement(By.Id("upload-file")).SendKeys(Path.GetFullPath(Samples.DemoExport()));
        browser.FindElement(By.Id("upload-submit")).Click();
        var hadProgress = Find(browser, By.Id("import-progress")) is not null;
        var jobPage = browser.Url;
        // The page's script polls the job and reloads into the summary when the import ends (a bound, not a timing).
        var summary = new WebDriverWait(browser, TimeSpan.FromSeconds(60)).Until(b => b.FindElements(By.Id("import-summary")).FirstOrDefault());
        var inserted = browser.FindElement(By.Id("summary-inserted")).Text;
        var duplicates = browser.FindElement(By.Id("summary-duplicates")).Text;
        var shortOnes = browser.FindElement(By.CssSelector("#summary-skipped-reasons li[data-reason='short']")).Text;
        browser.Navigate().GoToUrl(host.BaseUrl + WebEndpoints.DashboardPath + "?period=all");
        var allTime = TotalPlays(browser);
        var onTheDashboard = browser.FindElements(By.CssSelector("#import-history tr[data-job-id]")).Select(r => r.Text).ToList();
        browser.Navigate().GoToUrl(host.BaseUrl + WebUploadEndpoints.UploadPath);
        var history = browser.FindElements(By.CssSelector("#import-history tr[data-job-id]")).Count;

        Assert.StartsWith(host.BaseUrl + WebUploadEndpoints.JobPagePrefix, jobPage, StringComparison.Ordinal);
        Assert.True(hadProgress);
        Assert.NotNull(summary);
        Assert.Equal("3,201", inserted);
        Assert.Equal("0", duplicates);
        Assert.Contains("263", shortOnes);
        Assert.Equal("3201", allTime.Replace(",", string.Empty, StringComparison.Ordinal));
        Assert.Equal(1, history);
        Assert.Contains("demo-export.zip", Assert.Single(onTheDashboard));
        Assert.False(Directory.Exists(uploads) && Directory.EnumerateFileSystemEntries(uploads).Any());
    }

    [Fact]
    public async Task The_account_page_sets_the_time_zone_downloads_the_export_and_forgets_everything()
    {
        await using var host = await SpotifyTestHost.StartAsync();
        var store = host.Get<IPlayStore>();
        await store.InsertAsync(Plays.For(Alice.LocalUserId).Starting(SpotifyTestHost.Start.AddDays(-3)).Count(12).Build(), Ct);
        var browser = chromium.Open(_downloads);

        browser.Navigate().GoToUrl(host.Get<WebLinks>().CreateLink(Alice));
        browser.FindElement(By.Id("nav-account")).Click();
        Find(browser, By.Id("timezone-form"));
        var zoneBox = browser.FindElement(By.Id("timezone-input"));
        zoneBox.Clear();
        zoneBox.SendKeys("Asia/Kolkata");
        browser.FindElement(By.Id("timezone-button")).Click();
        var zoneShown = Find(browser, By.Id("notice")) is not null ? browser.FindElement(By.Id("current-timezone")).Text : null;
        browser.FindElement(By.Id("export-csv")).Click();
        var csv = Path.Combine(_downloads, "spotifylocal-plays.csv");
        // Chromium writes the download under a temporary name and renames it when complete (a bound, not a timing).
        new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(_ => File.Exists(csv));
        var rows = File.ReadAllLines(csv);
        browser.FindElement(By.Id("forget-link")).Click();
        Find(browser, By.Id("forget-form"));
        browser.FindElement(By.Id("forget-button")).Click();
        var goodbye = Find(browser, By.Id("goodbye")).Text;
        browser.Navigate().GoToUrl(host.BaseUrl + WebEndpoints.DashboardPath);
        var afterwards = browser.FindElement(By.TagName("h1")).Text;

        Assert.Equal("Asia/Kolkata", zoneShown);
        Assert.Equal(13, rows.Length);
        Assert.StartsWith("userId,playedAt", rows[0], StringComparison.Ordinal);
        Assert.All(rows.Skip(1), row => Assert.StartsWith(Alice.LocalUserId + ",", row, StringComparison.Ordinal));
        Assert.Contains("12 plays", goodbye);
        Assert.Equal("Not signed in", afterwards);
        Assert.Equal(0, await store.CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
    }

    private static string TotalPlays(ChromeDriver browser, string? period = null)
    {
        if (period is not null)
        {
            new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(b => b.Url.EndsWith("period=" + period, StringComparison.Ordinal));
        }

        return Find(browser, By.Id("total-plays")).Text;
    }

    /// <summary>The element once the page a click started has loaded it (a click returns before the next page is there).</summary>
    private static IWebElement Find(ChromeDriver browser, By by) =>
        new WebDriverWait(browser, TimeSpan.FromSeconds(30)).Until(b => b.FindElements(by).FirstOrDefault())!;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_downloads, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still hold its profile for a moment; the OS temp cleaner takes it.
        }
    }
}
