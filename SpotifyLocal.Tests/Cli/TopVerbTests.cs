using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Charts;
using SpotifyLocal.Core.Stats;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Storage;

namespace SpotifyLocal.Tests.Cli;

public sealed class TopVerbTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private readonly SqliteTestDatabase _database = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private readonly TopVerb _verb;

    public TopVerbTests()
    {
        var stats = new StatsService(_database.Plays, new FakeTimeProvider(Now));
        _verb = new TopVerb(stats, new ChartRenderer(), _database.Users, _database.ChatLinks);
    }

    public async ValueTask InitializeAsync()
    {
        var at = Now.AddDays(-3);
        await _database.Users.CreateAsync(new User { SpotifyId = "alice", DisplayName = "Alice", JoinedAt = Now.AddYears(-1), TimeZone = "Europe/Berlin" }, Ct);
        await _database.Plays.InsertAsync(
            [
                Plays.One("alice", "Bohemian Rhapsody - Remastered 2011", "Queen", "A Night at the Opera", at, trackId: "spotify:track:a"),
                Plays.One("alice", "Bohemian Rhapsody", "Queen", "Greatest Hits", at.AddMinutes(10), trackId: "spotify:track:b"),
                Plays.One("alice", "Bohemian Rhapsody", "Queen", "Greatest Hits", at.AddMinutes(20), trackId: "spotify:track:b"),
                Plays.One("alice", "Jóga", "Björk", "Homogenic", at.AddMinutes(30)),
                Plays.One("alice", "Old song", "Someone", "Old", Now.AddYears(-2)),
                Plays.One("telegram:42", "Выхода нет", "Сплин", "Гранатовый альбом", at),
            ],
            Ct);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    [Fact]
    public async Task Prints_a_ranked_table_of_merged_tracks_for_the_period()
    {
        var exit = await Run("month", "tracks", "--user", "alice");

        Assert.Equal(0, exit);
        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Top tracks · Alice · last 30 days (2026-03-02 – 2026-03-31, Europe/Berlin)", lines[0]);
        Assert.Matches(@"^1\s+3\s+9\s+Bohemian Rhapsody\s+Queen$", lines[2]);
        Assert.Matches(@"^2\s+1\s+3\s+Jóga\s+Björk$", lines[3]);
        Assert.DoesNotContain("Old song", _output.ToString());
        Assert.Equal(string.Empty, _error.ToString());
    }

    [Fact]
    public async Task Writes_json_for_scripts()
    {
        var exit = await Run("all", "artists", "--user", "alice", "--json", "--limit", "2");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("artists", root.GetProperty("kind").GetString());
        Assert.Equal("all time", root.GetProperty("period").GetProperty("label").GetString());
        Assert.Equal("Europe/Berlin", root.GetProperty("period").GetProperty("timeZone").GetString());
        var items = root.GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        Assert.Equal("Queen", items[0].GetProperty("name").GetString());
        Assert.Equal(3, items[0].GetProperty("plays").GetInt32());
        Assert.Equal(2, items[1].GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task Writes_the_chart_when_asked()
    {
        var path = Path.Combine(Path.GetDirectoryName(_database.Path)!, "charts", "top.png");

        var exit = await Run("2026-03", "albums", "--user", "alice", "--png", path);

        Assert.Equal(0, exit);
        using var bitmap = SKBitmap.Decode(path);
        Assert.Equal(1200, bitmap.Width);
        Assert.Equal(675, bitmap.Height);
        Assert.Contains($"Chart written to {path}", _output.ToString());
    }

    [Fact]
    public async Task A_chat_identity_without_a_linked_account_uses_its_local_plays()
    {
        var exit = await Run("week", "artists", "--user", "telegram:42");

        Assert.Equal(0, exit);
        Assert.Contains("Сплин", _output.ToString());
    }

    [Fact]
    public async Task A_linked_chat_identity_reads_the_spotify_users_plays()
    {
        await _database.ChatLinks.SetAsync(new ChatIdentity("discord", "777"), "alice", Ct);

        var exit = await Run("week", "artists", "--user", "discord:777");

        Assert.Equal(0, exit);
        Assert.Contains("Queen", _output.ToString());
    }

    [Fact]
    public async Task An_empty_period_says_so()
    {
        var exit = await Run("2025-06", "--user", "alice");

        Assert.Equal(0, exit);
        Assert.Contains("No plays in this period.", _output.ToString());
    }

    [Theory]
    [InlineData(new[] { "fortnight", "--user", "alice" }, "“fortnight” is not a period")]
    [InlineData(new[] { "month" }, "Give --user")]
    [InlineData(new[] { "month", "songz", "--user", "alice" }, "Unexpected argument \"songz\"")]
    [InlineData(new[] { "month", "--user", "alice", "--limit", "0" }, "--limit must be a number from 1 to 100")]
    [InlineData(new[] { "month", "--user" }, "--user needs a value")]
    public async Task Bad_arguments_exit_with_2_and_say_why(string[] arguments, string reason)
    {
        var exit = await Run(arguments);

        Assert.Equal(2, exit);
        Assert.Contains(reason, _error.ToString());
        Assert.Equal(string.Empty, _output.ToString());
    }

    [Fact]
    public async Task An_unknown_user_exits_with_1()
    {
        var exit = await Run("month", "--user", "nobody");

        Assert.Equal(1, exit);
        Assert.Contains("No user and no plays found for \"nobody\"", _error.ToString());
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<int> Run(params string[] arguments) => _verb.RunAsync(arguments, _output, _error, Ct);
}
