using System.Text.Json;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Charts;
using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Cli;

public sealed class SkipsVerbTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly PlayContext Skipped = new(true, "clickrow", "fwdbtn", false, "android", false);
    private static readonly PlayContext Finished = new(false, "clickrow", "trackdone", false, "android", false);
    private readonly SqliteTestDatabase _database = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly SkipsVerb _verb;

    public SkipsVerbTests()
    {
        var stats = new StatsService(_database.Plays, new FakeTimeProvider(Now));
        _verb = new SkipsVerb(stats, new SkipRateService(_database.Plays), new ChartRenderer(), _database.Users, _database.ChatLinks);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var at = Now.AddDays(-3);
        // Queen: 1 of 4 skipped; Björk: 2 of 2; one tracked play says nothing.
        await _database.Plays.InsertAsync(
            [
                Plays.One("alice", "Bohemian Rhapsody", "Queen", null, at) with { Context = Skipped },
                Plays.One("alice", "Bohemian Rhapsody", "Queen", null, at.AddMinutes(10)) with { Context = Finished },
                Plays.One("alice", "Bohemian Rhapsody", "Queen", null, at.AddMinutes(20)) with { Context = Finished },
                Plays.One("alice", "Bohemian Rhapsody", "Queen", null, at.AddMinutes(30)) with { Context = Finished },
                Plays.One("alice", "Jóga", "Björk", null, at.AddMinutes(40)) with { Context = Skipped },
                Plays.One("alice", "Jóga", "Björk", null, at.AddMinutes(50)) with { Context = Skipped },
                Plays.One("alice", "Live", "Björk", null, at.AddMinutes(60), PlaySource.Tracked),
            ],
            Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Writes_the_rate_its_coverage_and_the_lists_as_json()
    {
        var exit = await _verb.RunAsync(["month", "--user", "alice", "--json"], _output, _error, Ct);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("last 30 days", root.GetProperty("period").GetProperty("label").GetString());
        Assert.Equal((7, 6, 3), (root.GetProperty("plays").GetInt32(), root.GetProperty("playsWithSkipData").GetInt32(), root.GetProperty("skipped").GetInt32()));
        Assert.Equal(0.5, root.GetProperty("skipRate").GetDouble());
        Assert.Equal(10, root.GetProperty("minArtistPlays").GetInt32());
        var tracks = root.GetProperty("tracks");
        Assert.Equal(("Jóga", "Björk", 2, 2, 1.0), Row(tracks[0]));
        Assert.Equal(("Bohemian Rhapsody", "Queen", 4, 1, 0.25), Row(tracks[1]));
        // Neither artist has 10 plays with skip data.
        Assert.Equal(0, root.GetProperty("artists").GetArrayLength());
    }

    [Fact]
    public async Task Prints_the_chat_caption_and_refuses_a_missing_user()
    {
        var exit = await _verb.RunAsync(["month", "--user", "alice"], _output, _error, Ct);
        var missing = await _verb.RunAsync(["month"], TextWriter.Null, _error, Ct);

        Assert.Equal(0, exit);
        Assert.StartsWith(
            "Skip rate in last 30 days: 50% (3 of 6 plays skipped)\nSkip data for 6 of 7 plays in this period; tracked and account-data plays don't say.",
            _output.ToString().ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Equal(2, missing);
        Assert.Contains("--user", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_user_is_refused_like_the_other_verbs_and_the_chart_is_written_where_asked()
    {
        var png = Path.Combine(Path.GetTempPath(), "spotifylocal-tests", $"skips-{Guid.NewGuid():N}", "skips.png");

        var unknown = await _verb.RunAsync(["month", "--user", "nobody"], TextWriter.Null, _error, Ct);
        var charted = await _verb.RunAsync(["month", "--user", "alice", "--png", png], _output, TextWriter.Null, Ct);

        Assert.Equal(1, unknown);
        Assert.Contains("No user and no plays found for \"nobody\".", _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, charted);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png).Take(4));
        Assert.Contains($"Chart written to {png}", _output.ToString(), StringComparison.Ordinal);
        Directory.Delete(Path.GetDirectoryName(png)!, recursive: true);
    }

    private static (string?, string?, int, int, double) Row(JsonElement row) => (
        row.GetProperty("name").GetString(),
        row.GetProperty("artist").GetString(),
        row.GetProperty("plays").GetInt32(),
        row.GetProperty("skipped").GetInt32(),
        row.GetProperty("rate").GetDouble());
}
