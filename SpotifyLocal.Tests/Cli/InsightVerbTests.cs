using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Cli;

/// <summary>The <c>recap</c>, <c>streaks</c> and <c>discoveries</c> verbs: the chat reply's text, <c>--json</c> and <c>--png</c>.</summary>
public sealed class InsightVerbTests : IAsyncLifetime
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    // 12:00 on 31 March 2026 in Berlin.
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _database = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly Dictionary<string, ICliVerb> _verbs;

    public InsightVerbTests()
    {
        var time = new FakeTimeProvider(Now);
        var charts = new ChartRenderer();
        var insights = new InsightsService(_database.Plays, time);
        var stats = new Core.Stats.StatsService(_database.Plays, time);
        ICliVerb[] verbs =
        [
            new RecapVerb(new RecapService(_database.Plays, time), charts, _database.Users, _database.ChatLinks, _database.Plays),
            new StreaksVerb(insights, charts, _database.Users, _database.ChatLinks, _database.Plays),
            new DiscoveriesVerb(insights, stats, charts, _database.Users, _database.ChatLinks, _database.Plays),
        ];
        _verbs = verbs.ToDictionary(v => v.Name);
    }

    public async ValueTask InitializeAsync()
    {
        await _database.Users.CreateAsync(new User { SpotifyId = "alice", DisplayName = "Alice", JoinedAt = Now.AddYears(-1), TimeZone = "Europe/Berlin" }, Ct);
        await _database.Plays.InsertAsync(
            [
                Plays.One("alice", "Jóga", "Björk", "Homogenic", new DateTimeOffset(2025, 11, 1, 12, 0, 0, Cet)),
                Plays.One("alice", "Jóga", "Björk", "Homogenic", new DateTimeOffset(2026, 3, 28, 12, 0, 0, Cet)),
                Plays.One("alice", "X1", "Xiu Xiu", "Xa", new DateTimeOffset(2026, 3, 29, 12, 0, 0, Cest)),
                Plays.One("alice", "X1", "Xiu Xiu", "Xa", new DateTimeOffset(2026, 3, 30, 12, 0, 0, Cest)),
                Plays.One("alice", "X2", "Xiu Xiu", "Xa", new DateTimeOffset(2026, 3, 31, 9, 0, 0, Cest)),
            ],
            Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Recap_prints_the_summary_of_this_year_so_far()
    {
        var exit = await Run("recap", "--user", "alice");

        Assert.Equal(0, exit);
        var lines = _output.ToString().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("Your 2026 so far · Europe/Berlin", lines[0]);
        Assert.Equal("12 minutes listened · 4 plays", lines[1]);
        Assert.Equal("4 listening days · longest streak 4 days (28 Mar 2026 – 31 Mar 2026)", lines[2]);
        Assert.Contains("1. Xiu Xiu · 3 plays since 29 Mar 2026", lines);
        Assert.Equal(string.Empty, _error.ToString());
    }

    [Fact]
    public async Task Recap_writes_json_and_the_tall_image()
    {
        var path = Path.Combine(Path.GetDirectoryName(_database.Path)!, "charts", "recap.png");

        var exit = await Run("recap", "2026", "--user", "alice", "--json", "--png", path);

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("2026", root.GetProperty("period").GetProperty("label").GetString());
        Assert.Equal((4, 720_000L, 12L, 4), (root.GetProperty("plays").GetInt32(), root.GetProperty("msPlayed").GetInt64(), root.GetProperty("minutes").GetInt64(), root.GetProperty("listeningDays").GetInt32()));
        Assert.Equal("2026-03-28", root.GetProperty("longestStreak").GetProperty("first").GetString());
        Assert.Equal(4, root.GetProperty("longestStreak").GetProperty("days").GetInt32());
        Assert.Equal("2026-03", root.GetProperty("busiestMonth").GetProperty("month").GetString());
        Assert.Equal(12, root.GetProperty("busiestHour").GetProperty("hour").GetInt32());
        Assert.Equal(540_000, root.GetProperty("busiestHour").GetProperty("msPlayed").GetInt64());
        Assert.Equal(24, root.GetProperty("msPlayedByHour").GetArrayLength());
        // January to March: the months of 2026 up to today.
        Assert.Equal(3, root.GetProperty("months").GetArrayLength());
        Assert.Equal(["Xiu Xiu", "Björk"], root.GetProperty("topArtists").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(1, root.GetProperty("discoveries").GetProperty("total").GetInt32());
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1080, 1920), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public async Task Streaks_print_the_chat_summary_and_json()
    {
        var textExit = await Run("streaks", "--user", "alice");
        var text = _output.ToString();
        _output.GetStringBuilder().Clear();
        var jsonExit = await Run("streaks", "--user", "alice", "--json");

        Assert.Equal((0, 0), (textExit, jsonExit));
        Assert.StartsWith("Current streak: 4 days (since 28 Mar 2026)\n", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("Europe/Berlin", root.GetProperty("timeZone").GetString());
        Assert.Equal("2026-03-31", root.GetProperty("current").GetProperty("last").GetString());
        Assert.Equal(4, root.GetProperty("longest").GetProperty("days").GetInt32());
        Assert.Equal(5, root.GetProperty("listeningDays").GetInt32());
        Assert.Equal(["Xiu Xiu", "Björk"], root.GetProperty("artists").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Discoveries_print_both_lists_json_and_the_chart_of_the_chosen_kind()
    {
        var path = Path.Combine(Path.GetDirectoryName(_database.Path)!, "discoveries.png");

        var textExit = await Run("discoveries", "month", "tracks", "--user", "alice", "--png", path);
        var text = _output.ToString();
        _output.GetStringBuilder().Clear();
        var jsonExit = await Run("discoveries", "--user", "alice", "--json", "--limit", "1");

        Assert.Equal((0, 0), (textExit, jsonExit));
        Assert.StartsWith(
            "1 new artist · 2 new tracks first played in last 30 days\n\nNew artists:\n1. Xiu Xiu · 3 plays since 29 Mar 2026\n\n"
            + "New tracks:\n1. Xiu Xiu — X1 · 2 plays since 29 Mar 2026\n2. Xiu Xiu — X2 · 1 play since 31 Mar 2026",
            text,
            StringComparison.Ordinal);
        Assert.Contains($"Chart written to {path}", text, StringComparison.Ordinal);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("last 30 days", root.GetProperty("period").GetProperty("label").GetString());
        Assert.Equal(2, root.GetProperty("tracks").GetProperty("total").GetInt32());
        Assert.Equal("X1", Assert.Single(root.GetProperty("tracks").GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("Xiu Xiu", Assert.Single(root.GetProperty("artists").GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData(new[] { "recap", "2026", "2025", "--user", "alice" }, "Unexpected argument \"2025\"")]
    [InlineData(new[] { "recap", "fortnight", "--user", "alice" }, "“fortnight” is not a period")]
    [InlineData(new[] { "recap" }, "Give --user")]
    [InlineData(new[] { "streaks", "month", "--user", "alice" }, "Unexpected argument \"month\"")]
    [InlineData(new[] { "discoveries", "month", "albums", "--user", "alice" }, "Unexpected argument \"albums\"")]
    [InlineData(new[] { "discoveries", "--user", "alice", "--limit", "0" }, "--limit must be a number from 1 to 100")]
    [InlineData(new[] { "streaks", "--user", "alice", "--bogus" }, "Unknown option --bogus")]
    public async Task Bad_arguments_exit_with_2_and_say_why(string[] arguments, string reason)
    {
        var exit = await Run(arguments);

        Assert.Equal(2, exit);
        Assert.Contains(reason, _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _output.ToString());
    }

    [Theory]
    [InlineData("recap")]
    [InlineData("streaks")]
    [InlineData("discoveries")]
    public async Task An_unknown_user_exits_with_1(string verb)
    {
        var exit = await Run(verb, "--user", "nobody");

        Assert.Equal(1, exit);
        Assert.Contains("No user and no plays found for \"nobody\"", _error.ToString(), StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> Run(params string[] arguments) => _verbs[arguments[0]].RunAsync(arguments[1..], _output, _error, Ct);
}
