using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SpotifyLocal.Bot;
using SpotifyLocal.Bot.Console;

namespace SpotifyLocal.Tests.Startup;

/// <summary>The real host as Program builds it, with nothing configured but a temp database and a loopback port.</summary>
public sealed class BotHostTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", Guid.NewGuid().ToString("N"));

    public BotHostTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task With_nothing_configured_the_host_runs_the_console_on_sqlite_serves_health_and_stops_when_input_ends()
    {
        var output = new StringWriter();
        var input = new BlockingLineReader();
        var builder = BotApplication.CreateBuilder(
        [
            "--Urls=http://127.0.0.1:0",
            $"--Storage:Sqlite:Path={Path.Combine(_directory, "bot.db")}",
            $"--Spotify:TokenKeyDirectory={Path.Combine(_directory, "keys")}",
        ]);
        builder.Services.AddSingleton(new ConsoleStreams(input, output, IsInteractive: false));
        await using var app = builder.Build();
        app.MapBotEndpoints();

        await app.StartAsync(TestContext.Current.CancellationToken);
        var run = app.WaitForShutdownAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        var health = await client.GetStringAsync("/health", TestContext.Current.CancellationToken);
        input.Send("/timezone Asia/Tokyo");
        input.End();
        await run.WaitAsync(TestContext.Current.CancellationToken);
        app.Services.GetRequiredService<SpotifyLocal.Core.Storage.Sqlite.SqliteDatabase>().ReleasePooledConnections();

        Assert.False(string.IsNullOrWhiteSpace(health));
        Assert.Contains("Time zone set to Asia/Tokyo", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_directory, "bot.db")));
    }

    /// <summary>Stdin that waits for lines the test sends, then reports its end.</summary>
    private sealed class BlockingLineReader : TextReader
    {
        private readonly System.Threading.Channels.Channel<string?> _lines = System.Threading.Channels.Channel.CreateUnbounded<string?>();

        public void Send(string line) => _lines.Writer.TryWrite(line);

        public void End() => _lines.Writer.TryWrite(null);

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) =>
            await _lines.Reader.ReadAsync(cancellationToken);
    }
}
