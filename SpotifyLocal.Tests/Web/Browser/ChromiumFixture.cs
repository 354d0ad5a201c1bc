using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace SpotifyLocal.Tests.Web.Browser;

/// <summary>
/// Debian's headless Chromium driven by its chromedriver (Selenium), shared by a test class. Without the two programs
/// the tests skip with the install line; CI (<c>.ci/run</c>) installs them and sets
/// <c>SPOTIFYLOCAL_REQUIRE_BROWSER=1</c>, so there a missing browser fails instead of skipping.
/// </summary>
public sealed class ChromiumFixture : IDisposable
{
    public const string InstallLine = "apt-get install -y chromium chromium-driver";

    public const string RequireVariable = "SPOTIFYLOCAL_REQUIRE_BROWSER";

    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("SPOTIFYLOCAL_CHROMIUM") ?? "/usr/bin/chromium";

    private static readonly string DriverPath = Environment.GetEnvironmentVariable("SPOTIFYLOCAL_CHROMEDRIVER") ?? "/usr/bin/chromedriver";

    private readonly List<ChromeDriver> _drivers = [];

    /// <summary>A new browser with an empty profile (no cookies), downloading into <paramref name="downloadDirectory"/>.</summary>
    public ChromeDriver Open(string downloadDirectory)
    {
        if (!File.Exists(ChromiumPath) || !File.Exists(DriverPath))
        {
            if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
            {
                throw new InvalidOperationException($"The browser tests are required here ({RequireVariable}=1) but {ChromiumPath} or {DriverPath} is missing.");
            }

            Assert.Skip($"Chromium or chromedriver missing: {InstallLine}");
        }

        var options = new ChromeOptions { BinaryLocation = ChromiumPath };
        // As root in a container, without a display, and with nothing but loopback: no sandbox, no GPU, no background
        // traffic (Chromium otherwise keeps trying Google's hosts on this closed network).
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
            "--window-size=412,915", $"--user-data-dir={Path.Combine(downloadDirectory, ".profile")}");
        options.AddUserProfilePreference("download.default_directory", downloadDirectory);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(DriverPath)!, Path.GetFileName(DriverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        lock (_drivers)
        {
            _drivers.Add(driver);
        }

        return driver;
    }

    public void Dispose()
    {
        foreach (var driver in _drivers)
        {
            driver.Quit();
        }
    }
}
