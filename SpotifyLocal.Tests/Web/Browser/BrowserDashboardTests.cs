using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
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
        var week = TotalPlays(browser);
        browser.FindElement(By.LinkText("year")).Click();
        var year = TotalPlays(browser);
        var periodBox = browser.FindElement(By.Name("period"));
        periodBox.Clear();
        periodBox.SendKeys("fortnight" + Keys.Enter);
        var refusal = browser.FindElement(By.TagName("h1")).Text;

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

    private static string TotalPlays(ChromeDriver browser) => browser.FindElement(By.Id("total-plays")).Text;

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
