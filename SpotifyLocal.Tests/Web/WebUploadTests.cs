using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Web;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Spotify;

namespace SpotifyLocal.Tests.Web;

/// <summary>The upload page, its streamed POST, the import job page and JSON, over real HTTP on Kestrel (127.0.0.1).</summary>
public sealed partial class WebUploadTests : IDisposable
{
    private static readonly ChatIdentity Alice = new(ChatIdentity.Telegram, "1001");
    private static readonly ChatIdentity Bob = new(ChatIdentity.Discord, "2002");

    // The demo export's plays end 2026-11-20 22:00, after SpotifyTestHost.Start: a day later none is "in the future".
    private static readonly TimeSpan AfterTheDemo = TimeSpan.FromDays(1);

    private readonly string _uploads = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", "uploads-" + Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(_uploads))
        {
            Directory.Delete(_uploads, recursive: true);
        }
    }

    [Fact]
    public async Task Uploading_the_demo_export_stores_the_same_plays_as_the_chat_import_and_the_job_reaches_its_summary()
    {
        await using var host = await StartAsync();
        host.Time.Advance(AfterTheDemo);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var chatJob = await host.Get<ImportService>().ImportAsync(Samples.DemoExport(), "demo-export.zip", "chat-user", null, Ct);

        using var posted = await UploadAsync(host, alice, await TokenAsync(host, alice), File.OpenRead(Samples.DemoExport()), "demo-export.zip");
        await host.Get<WebUploadService>().WhenIdleAsync();
        var jobPath = posted.Headers.Location?.OriginalString;
        var jobId = jobPath?[(WebUploadEndpoints.JobPagePrefix.Length)..];
        var json = await GetJsonAsync(host, alice, WebUploadEndpoints.JobApiPrefix + jobId);
        using var page = await WebSessionTests.SendAsync(host, alice, jobPath!);
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.StartsWith(WebUploadEndpoints.JobPagePrefix, jobPath, StringComparison.Ordinal);
        Assert.Equal("completed", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("finished").GetBoolean());
        Assert.Equal(3_201, json.GetProperty("inserted").GetInt64());
        Assert.Equal(chatJob.Inserted, json.GetProperty("inserted").GetInt64());
        Assert.Equal(0, json.GetProperty("duplicates").GetInt64());
        Assert.Equal(3_600, json.GetProperty("processedTracks").GetInt64());
        Assert.Equal(263, json.GetProperty("skippedByReason").GetProperty("short").GetInt64());
        Assert.Equal(25, json.GetProperty("skippedByReason").GetProperty("incognito").GetInt64());
        // The demo's 111 podcast rows are stored apart now, no longer left out.
        Assert.False(json.GetProperty("skippedByReason").TryGetProperty("podcast", out _));
        Assert.Equal(111, json.GetProperty("episodesInserted").GetInt64());
        Assert.Equal(0, json.GetProperty("episodeDuplicates").GetInt64());
        var plays = host.Get<IPlayStore>();
        Assert.Equal(
            await plays.CountAsync(PlayScope.AllTime("chat-user"), Ct),
            await plays.CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
        Assert.Equal(
            (await plays.GetRecentAsync("chat-user", 50, Ct)).Select(p => (p.TrackId, p.PlayedAt, p.MsPlayed)),
            (await plays.GetRecentAsync(Alice.LocalUserId, 50, Ct)).Select(p => (p.TrackId, p.PlayedAt, p.MsPlayed)));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<strong id=\"summary-inserted\">3,201</strong>", html);
        Assert.Contains("<strong id=\"summary-duplicates\">0</strong>", html);
        Assert.Contains("<strong id=\"summary-episodes\">111</strong> podcast/audiobook entries stored apart", html);
        Assert.Contains("data-reason=\"short\"", html);
        Assert.Contains("id=\"import-progress\"", html);
        Assert.DoesNotContain("id=\"import-error\"", html);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_uploads));
    }

    [Fact]
    public async Task A_second_upload_of_the_same_export_adds_nothing()
    {
        await using var host = await StartAsync();
        host.Time.Advance(AfterTheDemo);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var token = await TokenAsync(host, alice);

        using var first = await UploadAsync(host, alice, token, File.OpenRead(Samples.DemoExport()), "demo-export.zip");
        await host.Get<WebUploadService>().WhenIdleAsync();
        using var second = await UploadAsync(host, alice, token, File.OpenRead(Samples.DemoExport()), "demo-export.zip");
        await host.Get<WebUploadService>().WhenIdleAsync();
        var json = await GetJsonAsync(host, alice, WebUploadEndpoints.JobApiPrefix + JobIdOf(second));

        Assert.Equal(HttpStatusCode.SeeOther, second.StatusCode);
        Assert.NotEqual(JobIdOf(first), JobIdOf(second));
        Assert.Equal(0, json.GetProperty("inserted").GetInt64());
        Assert.Equal(3_201, json.GetProperty("duplicates").GetInt64());
        Assert.Equal(3_201, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_uploads));
    }

    [Fact]
    public async Task A_file_over_the_cap_is_refused_with_413_while_it_streams_and_leaves_no_file_job_or_plays()
    {
        await using var host = await StartAsync(new() { ["Import:MaxFileBytes"] = "65536" });
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        // 256 KiB of a file and then nothing more, the body never ended: only a server that counts while it reads can answer.
        var (status, html) = await UnfinishedUploadAsync(host, alice, await TokenAsync(host, alice), "my_spotify_data.zip", 256 * 1024);

        Assert.Equal(413, status);
        Assert.Contains("my_spotify_data.zip is larger than the 64 KB this server accepts", html);
        Assert.Empty(await host.Get<IImportJobStore>().ListForUserAsync(Alice.LocalUserId, Ct));
        Assert.Equal(0, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_uploads));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("wrong field")]
    [InlineData("wrong header")]
    [InlineData("another site")]
    public async Task An_upload_without_the_sessions_csrf_token_is_refused_and_imports_nothing(string how)
    {
        await using var host = await StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var token = await TokenAsync(host, alice);
        var (field, header, origin) = how switch
        {
            "missing" => ((string?)null, (string?)null, (string?)null),
            "wrong field" => (token[..^2] + "xx", null, null),
            "wrong header" => (token, token[..^2] + "xx", null),
            _ => (token, null, "https://evil.example"),
        };

        using var refused = await UploadAsync(host, alice, field, File.OpenRead(Samples.DemoExport()), "demo-export.zip", header, origin);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Empty(await host.Get<IImportJobStore>().ListForUserAsync(Alice.LocalUserId, Ct));
        Assert.Equal(0, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
        Assert.False(Directory.Exists(_uploads) && Directory.EnumerateFileSystemEntries(_uploads).Any());
    }

    [Fact]
    public async Task A_script_may_send_the_token_in_the_header_instead_of_the_field()
    {
        await using var host = await StartAsync();
        host.Time.Advance(AfterTheDemo);
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        using var posted = await UploadAsync(host, alice, null, File.OpenRead(Samples.DemoExport()), "demo-export.zip", header: await TokenAsync(host, alice));
        await host.Get<WebUploadService>().WhenIdleAsync();

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(3_201, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
    }

    [Fact]
    public async Task Without_a_session_the_pages_and_the_upload_answer_401()
    {
        await using var host = await StartAsync();

        using var page = await host.Browser.GetAsync(host.BaseUrl + WebUploadEndpoints.UploadPath, Ct);
        using var api = await host.Browser.GetAsync(host.BaseUrl + WebUploadEndpoints.JobApiPrefix + "0123456789abcdef", Ct);
        using var form = new MultipartFormDataContent { { new StringContent("anything"), WebForms.TokenFieldName }, { new StreamContent(File.OpenRead(Samples.DemoExport())), "file", "demo-export.zip" } };
        using var upload = await host.Browser.PostAsync(host.BaseUrl + WebUploadEndpoints.UploadPath, form, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        Assert.False(Directory.Exists(_uploads) && Directory.EnumerateFileSystemEntries(_uploads).Any());
    }

    [Fact]
    public async Task Another_session_cannot_read_my_import_job()
    {
        await using var host = await StartAsync();
        host.Time.Advance(AfterTheDemo);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var bob = await WebSessionTests.SignInAsync(host, Bob);
        using var posted = await UploadAsync(host, alice, await TokenAsync(host, alice), File.OpenRead(Samples.DemoExport()), "demo-export.zip");
        await host.Get<WebUploadService>().WhenIdleAsync();
        var jobId = JobIdOf(posted);

        using var bobsApi = await WebSessionTests.SendAsync(host, bob, WebUploadEndpoints.JobApiPrefix + jobId);
        using var bobsPage = await WebSessionTests.SendAsync(host, bob, WebUploadEndpoints.JobPagePrefix + jobId);
        using var bobsUploadPage = await WebSessionTests.SendAsync(host, bob, WebUploadEndpoints.UploadPath);
        using var unknown = await WebSessionTests.SendAsync(host, alice, WebUploadEndpoints.JobApiPrefix + "0123456789abcdef0123456789abcdef");
        using var alicesApi = await WebSessionTests.SendAsync(host, alice, WebUploadEndpoints.JobApiPrefix + jobId);

        Assert.Equal(HttpStatusCode.NotFound, bobsApi.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bobsPage.StatusCode);
        Assert.DoesNotContain(jobId, await bobsApi.Content.ReadAsStringAsync(Ct));
        Assert.DoesNotContain(jobId, await bobsUploadPage.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alicesApi.StatusCode);
    }

    [Fact]
    public async Task Uploads_over_the_hourly_limit_answer_429_until_the_hour_has_passed()
    {
        await using var host = await StartAsync(new() { ["Web:Upload:MaxUploadsPerHour"] = "2" });
        host.Time.Advance(AfterTheDemo);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        var token = await TokenAsync(host, alice);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var posted = await UploadAsync(host, alice, token, File.OpenRead(Samples.DemoExport()), "demo-export.zip");
            await host.Get<WebUploadService>().WhenIdleAsync();
            statuses.Add(posted.StatusCode);
            if (posted.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("2 uploads an hour", await posted.Content.ReadAsStringAsync(Ct));
                Assert.NotNull(posted.Headers.RetryAfter?.Delta);
            }
        }

        host.Time.Advance(TimeSpan.FromHours(1));
        using var later = await UploadAsync(host, alice, token, File.OpenRead(Samples.DemoExport()), "demo-export.zip");
        await host.Get<WebUploadService>().WhenIdleAsync();

        Assert.Equal([HttpStatusCode.SeeOther, HttpStatusCode.SeeOther, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
        Assert.Equal(3, (await host.Get<IImportJobStore>().ListForUserAsync(Alice.LocalUserId, Ct)).Count);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_uploads));
    }

    [Fact]
    public async Task Uploads_left_behind_by_a_killed_bot_are_deleted_at_start_and_other_files_are_not()
    {
        Directory.CreateDirectory(_uploads);
        var leftover = Path.Combine(_uploads, "upload-0123456789abcdef.part");
        var unrelated = Path.Combine(_uploads, "notes.txt");
        await File.WriteAllTextAsync(leftover, "half an export", Ct);
        await File.WriteAllTextAsync(unrelated, "not ours", Ct);

        await using var host = await StartAsync();

        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(unrelated));
    }

    [Fact]
    public async Task A_file_that_is_not_an_export_ends_on_its_job_page_with_the_reason_and_is_deleted()
    {
        await using var host = await StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);

        using var posted = await UploadAsync(host, alice, await TokenAsync(host, alice), new MemoryStream("hello, not a zip"u8.ToArray()), "notes.txt");
        await host.Get<WebUploadService>().WhenIdleAsync();
        var json = await GetJsonAsync(host, alice, WebUploadEndpoints.JobApiPrefix + JobIdOf(posted));
        using var page = await WebSessionTests.SendAsync(host, alice, WebUploadEndpoints.JobPagePrefix + JobIdOf(posted));
        var html = await page.Content.ReadAsStringAsync(Ct);

        Assert.Equal("failed", json.GetProperty("status").GetString());
        Assert.True(json.GetProperty("finished").GetBoolean());
        Assert.Contains("neither a ZIP archive nor a JSON file", json.GetProperty("error").GetString());
        Assert.Contains("id=\"import-error\"", html);
        Assert.Contains("neither a ZIP archive nor a JSON file", html);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_uploads));
    }

    [Fact]
    public async Task The_upload_page_has_the_form_and_lists_past_imports_and_the_dashboard_links_to_it()
    {
        await using var host = await StartAsync();
        host.Time.Advance(AfterTheDemo);
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        using var posted = await UploadAsync(host, alice, await TokenAsync(host, alice), File.OpenRead(Samples.DemoExport()), "demo-export.zip");
        await host.Get<WebUploadService>().WhenIdleAsync();

        using var page = await WebSessionTests.SendAsync(host, alice, WebUploadEndpoints.UploadPath);
        var html = await page.Content.ReadAsStringAsync(Ct);
        using var dashboard = await WebSessionTests.SendAsync(host, alice, WebEndpoints.DashboardPath + "?period=week");
        using var jobPage = await WebSessionTests.SendAsync(host, alice, WebUploadEndpoints.JobPagePrefix + JobIdOf(posted));
        var jobHtml = await jobPage.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<form id=\"upload-form\" method=\"post\" action=\"/web/upload\" enctype=\"multipart/form-data\">", html);
        Assert.Contains("<input type=\"file\" id=\"upload-file\" name=\"file\"", html);
        Assert.Contains("id=\"upload-submit\"", html);
        Assert.Contains("1 GB", html);
        Assert.Matches(HistoryRow(), html);
        Assert.Contains($"href=\"{WebUploadEndpoints.JobPagePrefix}{JobIdOf(posted)}\"", html);
        Assert.Contains($"href=\"{WebUploadEndpoints.UploadPath}\"", await dashboard.Content.ReadAsStringAsync(Ct));
        Assert.Contains($"<script src=\"{WebAssets.PathPrefix}import-progress.js\" defer></script>", jobHtml);
        Assert.Contains($"data-api=\"{WebUploadEndpoints.JobApiPrefix}{JobIdOf(posted)}\"", jobHtml);
        using var script = await host.Browser.GetAsync(host.BaseUrl + WebAssets.PathPrefix + "import-progress.js", Ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Contains("fetch(", await script.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_40_MB_export_streams_through_the_upload_and_stores_what_the_generator_wrote()
    {
        await using var host = await StartAsync();
        var alice = await WebSessionTests.SignInAsync(host, Alice);
        Directory.CreateDirectory(_uploads);
        var zip = Path.Combine(_uploads, "..", Path.GetFileName(_uploads) + "-big.zip");
        var json = Path.Combine(_uploads, "..", Path.GetFileName(_uploads) + "-Streaming_History_Audio_2026.json");
        try
        {
            // One JSON file of all rows: about 40 MB that the server must take past Kestrel's 30 MB default.
            var settings = new SyntheticExportSettings(Seed: 7, Rows: 90_000, End: SpotifyTestHost.Start.AddHours(-1), Span: TimeSpan.FromDays(730), RowsPerFile: 90_000);
            var summary = await SyntheticExportGenerator.WriteZipAsync(zip, settings, Ct);
            using (var archive = ZipFile.OpenRead(zip))
            {
                archive.Entries.Single(e => e.Name.EndsWith(".json", StringComparison.Ordinal)).ExtractToFile(json);
            }

            using var posted = await UploadAsync(host, alice, await TokenAsync(host, alice), File.OpenRead(json), "Streaming_History_Audio_2025-2026_0.json");
            await host.Get<WebUploadService>().WhenIdleAsync();
            var job = await GetJsonAsync(host, alice, WebUploadEndpoints.JobApiPrefix + JobIdOf(posted));

            Assert.True(new FileInfo(json).Length > 30_000_000, $"the export is only {new FileInfo(json).Length:N0} bytes");
            Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
            Assert.Equal("completed", job.GetProperty("status").GetString());
            Assert.Equal(summary.MusicPlays, await host.Get<IPlayStore>().CountAsync(PlayScope.AllTime(Alice.LocalUserId), Ct));
            Assert.Equal(summary.MusicPlays, job.GetProperty("inserted").GetInt64());
            Assert.Equal(summary.ShortPlays, job.GetProperty("skippedByReason").GetProperty("short").GetInt64());
            Assert.Equal(summary.Rows, job.GetProperty("processedTracks").GetInt64());
            Assert.Empty(Directory.EnumerateFileSystemEntries(_uploads));
        }
        finally
        {
            File.Delete(zip);
            File.Delete(json);
        }
    }

    [Fact]
    public async Task A_chat_link_for_uploading_opens_the_session_on_the_upload_page_and_goes_nowhere_else()
    {
        await using var host = await StartAsync();
        var links = host.Get<WebLinks>();

        using var upload = await host.Browser.GetAsync(WebUploadEndpoints.UploadLink(links, Alice), Ct);
        using var elsewhere = await host.Browser.GetAsync(links.CreateLink(Alice) + "&to=https%3A%2F%2Fevil.example", Ct);

        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Equal(WebUploadEndpoints.UploadPath, upload.Headers.Location?.OriginalString);
        Assert.Equal(WebEndpoints.DashboardPath, elsewhere.Headers.Location?.OriginalString);
    }

    [Fact]
    public void One_person_has_one_upload_running_at_a_time_and_a_few_an_hour()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(SpotifyTestHost.Start);
        var limiter = new WebUploadRateLimiter(Microsoft.Extensions.Options.Options.Create(new WebUploadOptions { MaxUploadsPerHour = 3 }), time);

        var first = limiter.TryAcquire("alice", out _, out _);
        var whileRunning = limiter.TryAcquire("alice", out var runningMessage, out _);
        var bob = limiter.TryAcquire("bob", out _, out _);
        first!.Dispose();
        first.Dispose();
        var second = limiter.TryAcquire("alice", out _, out _);
        second!.Dispose();
        limiter.TryAcquire("alice", out _, out _)!.Dispose();
        time.Advance(TimeSpan.FromMinutes(30));
        var fourth = limiter.TryAcquire("alice", out var hourlyMessage, out var retryAfter);
        time.Advance(TimeSpan.FromMinutes(30));
        var afterAnHour = limiter.TryAcquire("alice", out _, out _);

        Assert.NotNull(first);
        Assert.Null(whileRunning);
        Assert.Contains("already running", runningMessage);
        Assert.NotNull(bob);
        Assert.NotNull(second);
        Assert.Null(fourth);
        Assert.Contains("3 uploads an hour", hourlyMessage);
        Assert.Equal(TimeSpan.FromMinutes(30), retryAfter);
        Assert.NotNull(afterAnHour);
    }

    private async Task<SpotifyTestHost> StartAsync(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?> { ["Web:Upload:TempDirectory"] = _uploads };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return await SpotifyTestHost.StartAsync(values, services => services.AddImport(configuration));
    }

    /// <summary>The CSRF token the way a browser gets it: from the upload form's hidden field.</summary>
    private static async Task<string> TokenAsync(SpotifyTestHost host, string cookie)
    {
        using var page = await WebSessionTests.SendAsync(host, cookie, WebUploadEndpoints.UploadPath);
        var match = TokenField().Match(await page.Content.ReadAsStringAsync(Ct));
        Assert.True(match.Success, "the upload page has no CSRF field");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    /// <summary>Posts the way the upload form does: the token field first, then the file, streamed (chunked, no length).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(
        SpotifyTestHost host, string cookie, string? field, Stream file, string fileName, string? header = null, string? origin = null)
    {
        using var form = new MultipartFormDataContent();
        if (field is not null)
        {
            form.Add(new StringContent(field), WebForms.TokenFieldName);
        }

        var content = new StreamContent(new UnknownLengthStream(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        using var request = new HttpRequestMessage(HttpMethod.Post, host.BaseUrl + WebUploadEndpoints.UploadPath) { Content = form };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", origin ?? host.BaseUrl);
        if (header is not null)
        {
            request.Headers.Add(WebForms.TokenHeader, header);
        }

        return await host.Browser.SendAsync(request, Ct);
    }

    /// <summary>
    /// A raw HTTP/1.1 upload over a socket that sends the token, the start of a file of <paramref name="fileBytes"/> bytes
    /// (chunked) and never the end of the body; returns the status code and body of the answer that comes anyway.
    /// </summary>
    private static async Task<(int Status, string Body)> UnfinishedUploadAsync(SpotifyTestHost host, string cookie, string token, string fileName, int fileBytes)
    {
        var address = new Uri(host.BaseUrl);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port, Ct);
        var stream = tcp.GetStream();
        const string boundary = "----upload-test-boundary";
        var head = $"POST {WebUploadEndpoints.UploadPath} HTTP/1.1\r\nHost: {address.Authority}\r\nCookie: {cookie}\r\nOrigin: {host.BaseUrl}\r\n"
            + $"Content-Type: multipart/form-data; boundary={boundary}\r\nTransfer-Encoding: chunked\r\n\r\n";
        var preamble = $"--{boundary}\r\nContent-Disposition: form-data; name=\"{WebForms.TokenFieldName}\"\r\n\r\n{token}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: application/zip\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await WriteChunkAsync(stream, Encoding.ASCII.GetBytes(preamble));
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)'P');
        for (var sent = 0; sent < fileBytes; sent += chunk.Length)
        {
            await WriteChunkAsync(stream, chunk);
        }

        // Read the answer: status line and headers, then Content-Length bytes of body.
        var received = new List<byte>();
        var buffer = new byte[4096];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var n = await stream.ReadAsync(buffer, Ct);
            Assert.True(n > 0, "the server closed the connection without an answer");
            received.AddRange(buffer.AsSpan(0, n));
        }

        var headers = Encoding.ASCII.GetString(received.GetRange(0, headerEnd).ToArray());
        var length = int.Parse(ContentLength().Match(headers).Groups["length"].Value, System.Globalization.CultureInfo.InvariantCulture);
        while (received.Count < headerEnd + 4 + length)
        {
            var n = await stream.ReadAsync(buffer, Ct);
            Assert.True(n > 0, "the server closed the connection in the middle of its answer");
            received.AddRange(buffer.AsSpan(0, n));
        }

        var status = int.Parse(headers.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, Encoding.UTF8.GetString(received.GetRange(headerEnd + 4, length).ToArray()));

        static async Task WriteChunkAsync(NetworkStream stream, byte[] data)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), Ct);
            await stream.WriteAsync(data, Ct);
            await stream.WriteAsync("\r\n"u8.ToArray(), Ct);
        }

        static int IndexOf(List<byte> bytes, ReadOnlySpan<byte> value) =>
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes).IndexOf(value);
    }

    private static async Task<JsonElement> GetJsonAsync(SpotifyTestHost host, string cookie, string path)
    {
        using var response = await WebSessionTests.SendAsync(host, cookie, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.Clone();
    }

    private static string JobIdOf(HttpResponseMessage posted)
    {
        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        return posted.Headers.Location!.OriginalString[WebUploadEndpoints.JobPagePrefix.Length..];
    }

    [GeneratedRegex("name=\"csrf\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();

    [GeneratedRegex("(?im)^content-length: *(?<length>[0-9]+)")]
    private static partial Regex ContentLength();

    [GeneratedRegex("<tr data-job-id=\"[0-9a-f]{32}\">.*demo-export\\.zip.*completed.*3,201", RegexOptions.Singleline)]
    private static partial Regex HistoryRow();

    /// <summary>Hides the length of a file, so the body goes chunked as a browser's stream of unknown size would.</summary>
    private sealed class UnknownLengthStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
