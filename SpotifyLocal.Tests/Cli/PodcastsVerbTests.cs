using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Insights;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Storage.Sqlite;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Cli;

/// <summary>The <c>podcasts</c> verb on SQLite: the chat reply's text, <c>--json</c> and <c>--png</c>, periods in the user's zone.</summary>
public sealed class PodcastsVerbTests : IAsyncLifetime
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    // 12:00 on 31 March 2026 in Berlin: "month" is 2 to 31 March there.
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _database = new();
    private readonly IEpisodePlayStore _episodes;
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly PodcastsVerb _verb;

    public PodcastsVerbTests()
    {
        var time = new FakeTimeProvider(Now);
        _episodes = new SqliteEpisodePlayStore(_database.Database);
        _verb = new PodcastsVerb(
            new StatsService(_database.Plays, time), new PodcastsService(_episodes), new ChartRenderer(), _database.Users, _database.ChatLinks, _database.Plays, _episodes);
    }

    public async ValueTask InitializeAsync()
    {
        await _database.Users.CreateAsync(new User { SpotifyId = "alice", DisplayName = "Alice", JoinedAt = Now.AddYears(-1), TimeZone = "Europe/Berlin" }, Ct);
        await _episodes.InsertAsync(
            [
                Entry("alice", "Morning Show", "Monday", new DateTimeOffset(2026, 3, 2, 8, 0, 0, Cet), minutes: 50),
                Entry("alice", "Morning Show", "Tuesday", new DateTimeOffset(2026, 3, 3, 8, 0, 0, Cet), minutes: 25),
                Entry("alice", "A Long Book", "Chapter 1", new DateTimeOffset(2026, 3, 30, 21, 0, 0, Cest), minutes: 61, EpisodeKind.Audiobook),
                // 1 March in Berlin (still 28 February in UTC): in March 2026, not in the last 30 days.
                Entry("alice", "Night Show", "Late", new DateTimeOffset(2026, 3, 1, 0, 15, 0, Cet), minutes: 5),
                // 1 April in Berlin (still 31 March in UTC): outside March 2026.
                Entry("alice", "April Show", "Early", new DateTimeOffset(2026, 4, 1, 0, 30, 0, Cest), minutes: 500),
                Entry("bob", "Bob's Show", "Bob's", new DateTimeOffset(2026, 3, 10, 8, 0, 0, Cet), minutes: 500),
            ],
            Ct);
        // Music is not podcast listening.
        await _database.Plays.InsertAsync([Plays.One("alice", "Song", "Band", null, new DateTimeOffset(2026, 3, 10, 12, 0, 0, Cet))], Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Podcasts_print_the_chat_reply_for_a_calendar_month_in_the_users_zone_and_write_the_chart()
    {
        var path = Path.Combine(Path.GetDirectoryName(_database.Path)!, "charts", "podcasts.png");

        var exit = await Run("2026-03", "--user", "alice", "--png", path);

        Assert.Equal(0, exit);
        Assert.Equal(
            "2 h 21 min of podcasts and audiobooks in March 2026 · 4 entries · 3 shows\n\n"
            + "Shows:\n1. Morning Show · 1 h 15 min · 2 entries\n2. A Long Book · 1 h 01 min · 1 entry\n3. Night Show · 5 min · 1 entry\n\n"
            + "Episodes:\n1. A Long Book — Chapter 1 · 1 h 01 min\n2. Morning Show — Monday · 50 min\n3. Morning Show — Tuesday · 25 min\n4. Night Show — Late · 5 min\n"
            + $"Chart written to {path}\n",
            _output.ToString().ReplaceLineEndings("\n"));
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        Assert.Equal(string.Empty, _error.ToString());
    }

    [Fact]
    public async Task Podcasts_json_holds_the_totals_and_the_top_shows_and_episodes_of_the_last_30_days_by_default()
    {
        var exit = await Run("--user", "alice", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("alice", root.GetProperty("user").GetString());
        var period = root.GetProperty("period");
        Assert.Equal("last 30 days", period.GetProperty("label").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 0, 0, 0, Cet), period.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(Now, period.GetProperty("to").GetDateTimeOffset());
        Assert.Equal("Europe/Berlin", period.GetProperty("timeZone").GetString());
        var totals = root.GetProperty("totals");
        Assert.Equal((3, 8_160_000L, 2, 3), (totals.GetProperty("plays").GetInt32(), totals.GetProperty("msPlayed").GetInt64(), totals.GetProperty("shows").GetInt32(), totals.GetProperty("episodes").GetInt32()));
        Assert.Equal(
            [(1, "Morning Show", 2, 4_500_000L), (2, "A Long Book", 1, 3_660_000L)],
            root.GetProperty("shows").EnumerateArray().Select(s => (s.GetProperty("rank").GetInt32(), s.GetProperty("name").GetString(), s.GetProperty("plays").GetInt32(), s.GetProperty("msPlayed").GetInt64())));
        Assert.Equal(
            [("Chapter 1", "A Long Book", 1, 3_660_000L), ("Monday", "Morning Show", 1, 3_000_000L), ("Tuesday", "Morning Show", 1, 1_500_000L)],
            root.GetProperty("episodes").EnumerateArray().Select(e => (e.GetProperty("name").GetString(), e.GetProperty("show").GetString(), e.GetProperty("plays").GetInt32(), e.GetProperty("msPlayed").GetInt64())));
        var monday = root.GetProperty("episodes")[1];
        Assert.Equal(EpisodePlay.IdFromNames("Morning Show", "Monday"), monday.GetProperty("id").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, Cet), monday.GetProperty("firstPlayedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_period_without_podcasts_says_so_and_json_has_empty_lists()
    {
        var textExit = await Run("2026-02", "--user", "alice");
        var text = _output.ToString();
        _output.GetStringBuilder().Clear();
        var jsonExit = await Run("week", "--user", "bob", "--json");

        Assert.Equal((0, 0), (textExit, jsonExit));
        Assert.StartsWith("No podcast listening in February 2026", text, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(_output.ToString());
        Assert.Equal(0, json.RootElement.GetProperty("totals").GetProperty("plays").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("shows").GetArrayLength());
        Assert.Equal(0, json.RootElement.GetProperty("episodes").GetArrayLength());
    }

    [Fact]
    public async Task A_user_known_only_by_podcast_listening_is_found_and_an_unknown_one_exits_with_1()
    {
        var bobExit = await Run("2026-03", "--user", "bob");
        var bob = _output.ToString();
        var nobodyExit = await Run("--user", "nobody");

        Assert.Equal((0, 1), (bobExit, nobodyExit));
        Assert.StartsWith("8 h 20 min of podcasts and audiobooks in March 2026 · 1 entry · 1 show", bob, StringComparison.Ordinal);
        Assert.Contains("No user and no plays found for \"nobody\"", _error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "month", "week", "--user", "alice" }, "Unexpected argument \"week\"")]
    [InlineData(new[] { "fortnight", "--user", "alice" }, "“fortnight” is not a period")]
    [InlineData(new[] { "month" }, "Give --user")]
    [InlineData(new[] { "--user", "alice", "--limit", "3" }, "Unknown option --limit")]
    public async Task Bad_arguments_exit_with_2_and_say_why(string[] arguments, string reason)
    {
        var exit = await Run(arguments);

        Assert.Equal(2, exit);
        Assert.Contains(reason, _error.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, _output.ToString());
    }

    private Task<int> Run(params string[] arguments) => _verb.RunAsync(arguments, _output, _error, Ct);

    private static EpisodePlay Entry(string userId, string show, string name, DateTimeOffset at, int minutes, EpisodeKind kind = EpisodeKind.Podcast) =>
        EpisodePlay.Create(userId, at, EpisodePlay.IdFromNames(show, name), name, show, kind, minutes * 60_000, PlaySource.Import);
}
