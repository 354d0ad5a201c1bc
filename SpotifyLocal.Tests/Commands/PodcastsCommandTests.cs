using System.Text.Json;
using SkiaSharp;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Discord;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Tests.Commands;

/// <summary>/podcasts: parsing, the Discord and Telegram command lists, and replies through the real dispatcher on SQLite.</summary>
public sealed class PodcastsCommandTests : IAsyncDisposable
{
    private static readonly ChatIdentity Caller = new(ChatIdentity.Telegram, "78");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    // 20:00 on 7 January 2026 in Berlin.
    private readonly TestBot _bot = new(now: new DateTimeOffset(2026, 1, 7, 20, 0, 0, Cet));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Theory]
    [InlineData("/podcasts", "month")]
    [InlineData("/podcasts 2026-02", "2026-02")]
    [InlineData("/podcasts@MyBot YEAR", "year")]
    public void The_command_parses_with_an_optional_period(string text, string period)
    {
        var command = Assert.IsType<PodcastsCommand>(CommandParser.Parse(text).Command);

        Assert.Equal(period, command.Period);
    }

    [Fact]
    public void Extra_arguments_get_the_usage_line()
    {
        Assert.Equal("Usage: /podcasts [period]", CommandParser.Parse("/podcasts month week").Error);
    }

    [Fact]
    public void Help_the_telegram_menu_and_discord_list_the_command()
    {
        Assert.Contains(CommandParser.Usages, u => u.Usage == "/podcasts [period]");
        Assert.Equal(["period"], DiscordCommandDefinitions.All.Single(c => c.Name == "podcasts").Options!.Select(o => o.Name));
        var json = Interactions.SlashCommand("podcasts", [Interactions.Option("period", 3, "year")]).ToJsonString();
        var mapped = DiscordCommandMapper.Map(JsonSerializer.Deserialize(json, DiscordJsonContext.Default.InteractionDto)!);
        Assert.Equal(new PodcastsCommand("year"), mapped.Command);
    }

    [Fact]
    public async Task Podcasts_answer_with_shows_and_episodes_by_time_in_the_users_zone_a_chart_and_buttons()
    {
        await RunAsync("/timezone Europe/Berlin");
        await _bot.Get<IEpisodePlayStore>().InsertAsync(
        [
            Entry("Morning Show", "Monday", new DateTimeOffset(2026, 1, 5, 8, 0, 0, Cet), minutes: 50),
            Entry("Morning Show", "Tuesday", new DateTimeOffset(2026, 1, 6, 8, 0, 0, Cet), minutes: 25),
            Entry("A Long Book", "Chapter 1", new DateTimeOffset(2026, 1, 6, 21, 0, 0, Cet), minutes: 61, EpisodeKind.Audiobook),
            // Before the last 7 days: left out.
            Entry("Old Show", "Old", new DateTimeOffset(2025, 12, 20, 8, 0, 0, Cet), minutes: 500),
        ], Ct);
        // Music stays music: a play does not show up here, an episode never shows up in /top.
        await _bot.Get<IPlayStore>().InsertAsync([Plays.One(Caller.LocalUserId, "Song", "Band", null, new DateTimeOffset(2026, 1, 6, 12, 0, 0, Cet))], Ct);

        var reply = await RunAsync("/podcasts week");
        var top = await RunAsync("/top week artists");

        Assert.False(reply.IsError);
        Assert.Equal(
            "2 h 16 min of podcasts and audiobooks in last 7 days · 3 entries · 2 shows\n\n"
            + "Shows:\n1. Morning Show · 1 h 15 min · 2 entries\n2. A Long Book · 1 h 01 min · 1 entry\n\n"
            + "Episodes:\n1. A Long Book — Chapter 1 · 1 h 01 min\n2. Morning Show — Monday · 50 min\n3. Morning Show — Tuesday · 25 min",
            reply.Text);
        using var bitmap = SKBitmap.Decode(reply.Png);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        Assert.Equal(["/podcasts month", "/podcasts year"], reply.Buttons.Select(b => b.CommandText));
        Assert.DoesNotContain("Morning Show", top.Text ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_podcasts_the_reply_says_where_they_come_from()
    {
        var reply = await RunAsync("/podcasts 2025-12");

        Assert.Null(reply.Png);
        Assert.Equal(
            "No podcast listening in December 2025 (only the extended streaming history export has it: import it with /import).",
            reply.Text);
    }

    private static EpisodePlay Entry(string show, string name, DateTimeOffset at, int minutes, EpisodeKind kind = EpisodeKind.Podcast) =>
        EpisodePlay.Create(Caller.LocalUserId, at, "spotify:episode:" + name.Replace(" ", string.Empty, StringComparison.Ordinal), name, show, kind, minutes * 60_000, PlaySource.Import);

    private async Task<BotReply> RunAsync(string text)
    {
        var command = CommandParser.Parse(text).Command ?? throw new InvalidOperationException(text);
        return await _bot.Get<CommandDispatcher>().DispatchAsync(command, new CommandContext(Caller), Ct);
    }
}
