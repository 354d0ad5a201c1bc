using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Spotify;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Tracking;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Spotify;

/// <summary>
/// The real Spotify, accounts and tracking registrations in a real <see cref="WebApplication"/> on loopback,
/// with a fresh SQLite file, the fake Spotify, a recording chat notifier and a FakeTimeProvider. The tracking
/// worker's loop is off; tests drive it with <see cref="TrackingWorker.RunOnceAsync"/>.
/// </summary>
public sealed class SpotifyTestHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    private readonly string _directory;
    private bool _ownsDirectory = true;

    private SpotifyTestHost(string directory, FakeTimeProvider time, FakeSpotify spotify, RecordingChatNotifier notifier, WebApplication app, string baseUrl)
    {
        _directory = directory;
        Time = time;
        Spotify = spotify;
        Notifier = notifier;
        App = app;
        BaseUrl = baseUrl;
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
    }

    public FakeTimeProvider Time { get; }

    public FakeSpotify Spotify { get; }

    public RecordingChatNotifier Notifier { get; }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    /// <summary>Plays the user's browser: follows no redirects by itself.</summary>
    public HttpClient Browser { get; }

    public string CallbackUrl => BaseUrl + "/callback";

    /// <summary>The folder with the database and token keys; another host started on it is this bot after a restart.</summary>
    public string DataDirectory => _directory;

    /// <param name="registeredRedirectUri">
    /// The redirect URI registered on the fake Spotify app, given the bot's callback URL; by default that URL itself.
    /// </param>
    public static async Task<SpotifyTestHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configure = null,
        string? dataDirectory = null,
        Func<string, string>? registeredRedirectUri = null)
    {
        var directory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var time = new FakeTimeProvider(Start);
        var spotify = await FakeSpotify.StartAsync(time);
        var notifier = new RecordingChatNotifier();
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        spotify.RegisterRedirectUri(registeredRedirectUri?.Invoke(baseUrl + "/callback") ?? baseUrl + "/callback");
        var values = new Dictionary<string, string?>
        {
            ["Spotify:ClientId"] = FakeSpotify.ClientId,
            ["Spotify:ClientSecret"] = FakeSpotify.ClientSecret,
            ["Spotify:RedirectUri"] = baseUrl + "/callback",
            ["Spotify:AccountsBaseUrl"] = spotify.BaseUrl,
            ["Spotify:ApiBaseUrl"] = spotify.BaseUrl,
            ["Spotify:TokenKeyDirectory"] = Path.Combine(directory, "keys"),
            ["Spotify:RetryBaseDelay"] = "00:00:00",
            // Only a test that injects hanging requests needs a short timeout (and sets its own); a busy CI must not time out
            // a real loopback call, least of all the code exchange, which is never retried.
            ["Spotify:RequestTimeout"] = "00:00:10",
            ["Tracking:Enabled"] = "false",
            ["Tracking:MaxRequestsPerSecond"] = "50",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(baseUrl);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IChatNotifier>(notifier);
        builder.Services.AddSqliteStorage(Path.Combine(directory, "test.db"));
        builder.Services.AddSingleton<PlayBatchWriter>();
        builder.Services.AddSpotify(builder.Configuration);
        builder.Services.AddAccounts(builder.Configuration);
        builder.Services.AddTracking(builder.Configuration);
        builder.Services.AddStats(builder.Configuration);
        builder.Services.AddCharts(builder.Configuration);
        configure?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapSpotifyLocalEndpoints();
        await app.StartAsync();
        return new SpotifyTestHost(directory, time, spotify, notifier, app, baseUrl) { _ownsDirectory = dataDirectory is null };
    }

    public T Get<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>
    /// The whole link: /link → Spotify's consent (as <paramref name="spotifyUserId"/>) → our callback page → the chat's
    /// Continue and confirm (when the consent came through). Returns the callback page.
    /// </summary>
    public async Task<(HttpStatusCode Status, string Html)> LinkAsync(ChatIdentity identity, string spotifyUserId)
    {
        var page = await ConsentAsync(identity, spotifyUserId);
        var accounts = Get<AccountLifecycleService>();
        if (accounts.FindConsent(identity) is { Outcome: LinkStepOutcome.Question, ConsentId: { } consentId })
        {
            await accounts.ConfirmLinkAsync(identity, consentId, confirmed: true, TestContext.Current.CancellationToken);
            Notifier.Discard(n => n.Notice.Commands.Any(c => c.CommandText.EndsWith(consentId, StringComparison.Ordinal)));
        }

        return page;
    }

    /// <summary>/link → Spotify's consent (as <paramref name="spotifyUserId"/>) → our callback page; nothing confirmed in the chat.</summary>
    public async Task<(HttpStatusCode Status, string Html)> ConsentAsync(ChatIdentity identity, string spotifyUserId)
    {
        Spotify.ConsentingUserId = spotifyUserId;
        var authorizeUrl = Get<AccountLifecycleService>().RequestLink(identity);
        using var consent = await Browser.GetAsync(authorizeUrl, TestContext.Current.CancellationToken);
        var callback = consent.Headers.Location ?? throw new InvalidOperationException($"Spotify answered {consent.StatusCode} instead of redirecting.");
        return await OpenAsync(callback.ToString());
    }

    public async Task<(HttpStatusCode Status, string Html)> OpenAsync(string url)
    {
        using var response = await Browser.GetAsync(url, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await App.StopAsync();
        App.Services.GetService<SpotifyLocal.Core.Storage.Sqlite.SqliteDatabase>()?.ReleasePooledConnections();
        await App.DisposeAsync();
        await Spotify.DisposeAsync();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS temp cleaner.
        }
    }

    private static int FreePort()
    {
        // The redirect URI must name the port before the app starts; the OS hands out a free one.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
