using System.Text.Json;
using System.Text.Json.Nodes;
using SkiaSharp;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Discord;

namespace SpotifyLocal.Tests.Commands;

/// <summary>/recap: parsing, the Discord and Telegram command lists, and the reply through the real dispatcher on SQLite.</summary>
public sealed class RecapCommandTests : IAsyncDisposable
{
    private static readonly ChatIdentity Caller = new(ChatIdentity.Telegram, "77");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    // 12:00 on 2 April 2026 in Berlin.
    private readonly TestBot _bot = new(now: new DateTimeOffset(2026, 4, 2, 12, 0, 0, Cest));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Theory]
    [InlineData("/recap", null)]
    [InlineData("/recap 2025", "2025")]
    [InlineData("/recap@MyBot 2025-03..2025-08", "2025-03..2025-08")]
    [InlineData("/recap MONTH", "month")]
    public void Recap_parses_with_an_optional_year_or_period(string text, string? period)
    {
        Assert.Equal(new RecapCommand(period), CommandParser.Parse(text).Command);
    }

    [Fact]
    public void Two_periods_get_the_usage_line()
    {
        Assert.Equal("Usage: /recap [2025|period]", CommandParser.Parse("/recap 2025 2024").Error);
    }

    [Fact]
    public void Help_the_telegram_menu_and_discord_list_recap_with_a_free_period_option()
    {
        Assert.Contains(CommandParser.Usages, u => u.Name == "recap");
        var option = Assert.Single(DiscordCommandDefinitions.All.Single(c => c.Name == "recap").Options!);
        Assert.Equal(("period", ApplicationCommandOptionType.String, null), (option.Name, option.Type, option.Choices));
        Assert.Equal(new RecapCommand("2025"), DiscordCommandMapper.Map(Slash(new JsonArray(Interactions.Option("period", 3, "2025")))).Command);
        Assert.Equal(new RecapCommand(null), DiscordCommandMapper.Map(Slash(null)).Command);
    }

    [Fact]
    public async Task Recap_answers_with_this_years_summary_a_tall_image_and_buttons()
    {
        await RunAsync("/timezone Europe/Berlin");
        await InsertAsync(
            Play("Jóga", "Björk", "Homogenic", new(2025, 6, 1, 12, 0, 0, Cest), 180_000),
            Play("Jóga", "Björk", "Homogenic", new(2026, 1, 10, 21, 15, 0, Cet), 240_000),
            Play("Hyperballad", "Björk", "Post", new(2026, 1, 10, 21, 40, 0, Cet), 300_000),
            Play("Song", "Band", "Album", new(2026, 3, 27, 23, 30, 0, Cet), 180_000) with { Context = new(true, "clickrow", "fwdbtn", false, "ios", false) },
            Play("Song", "Band", "Album", new(2026, 3, 28, 23, 50, 0, Cet), 180_000) with { Context = new(false, "clickrow", "trackdone", false, "ios", false) },
            Play("Fresh", "Newcomer", "Debut", new(2026, 3, 30, 21, 0, 0, Cest), 120_000) with { Context = new(false, "clickrow", "trackdone", false, "ios", false) });

        var reply = await RunAsync("/recap");

        Assert.False(reply.IsError);
        Assert.Equal("Recap · 2026 so far", reply.Title);
        Assert.Equal(
            "Your 2026 so far · Europe/Berlin\n"
            + "17 minutes listened · 5 plays\n"
            + "4 listening days · longest streak 2 days (27 Mar 2026 – 28 Mar 2026)\n"
            + "Most listened month: January 2026 (9 min)\n"
            + "Busiest hour: 21:00–22:00 (11 min)\n"
            + "Skipped: 33% of the 3 plays that say (extended history)\n\n"
            + "Top artists:\n1. Björk · 9 min · 2 plays\n2. Band · 6 min · 2 plays\n3. Newcomer · 2 min · 1 play\n\n"
            + "Top tracks:\n1. Band — Song · 6 min · 2 plays\n2. Björk — Hyperballad · 5 min · 1 play\n3. Björk — Jóga · 4 min · 1 play\n4. Newcomer — Fresh · 2 min · 1 play\n\n"
            + "Top albums:\n1. Band — Album · 6 min · 2 plays\n2. Björk — Post · 5 min · 1 play\n3. Björk — Homogenic · 4 min · 1 play\n4. Newcomer — Debut · 2 min · 1 play\n\n"
            + "New artists (2 first played in 2026 so far):\n1. Band · 2 plays since 27 Mar 2026\n2. Newcomer · 1 play since 30 Mar 2026",
            reply.Text);
        Assert.Equal("recap.png", reply.PngFileName);
        using var bitmap = SKBitmap.Decode(reply.Png);
        Assert.Equal((1080, 1920), (bitmap.Width, bitmap.Height));
        Assert.Equal(["/recap 2025", "/discoveries 2026 artists", "/streaks"], reply.Buttons.Select(b => b.CommandText));
    }

    [Fact]
    public async Task A_recap_of_a_period_without_plays_says_so_without_an_image()
    {
        await RunAsync("/timezone Europe/Berlin");
        await InsertAsync(Play("Song", "Band", "Album", new(2026, 3, 27, 23, 30, 0, Cet), 180_000));

        var reply = await RunAsync("/recap 2024");
        var bad = await RunAsync("/recap fortnight");

        Assert.Null(reply.Png);
        Assert.StartsWith("No plays in 2024, so nothing to recap.", reply.Text, StringComparison.Ordinal);
        Assert.Equal(["/recap 2023", "/recap"], reply.Buttons.Select(b => b.CommandText));
        Assert.True(bad.IsError);
        Assert.Contains("“fortnight” is not a period", bad.Text, StringComparison.Ordinal);
    }

    private static InteractionDto Slash(JsonArray? options) =>
        JsonSerializer.Deserialize(Interactions.SlashCommand("recap", options).ToJsonString(), DiscordJsonContext.Default.InteractionDto)!;

    private static Play Play(string track, string artist, string album, DateTimeOffset at, int msPlayed) =>
        Plays.One(Caller.LocalUserId, track, artist, album, at, msPlayed: msPlayed);

    private Task InsertAsync(params Play[] plays) => _bot.Get<IPlayStore>().InsertAsync(plays, Ct);

    private async Task<BotReply> RunAsync(string text)
    {
        var command = CommandParser.Parse(text).Command ?? throw new InvalidOperationException(text);
        return await _bot.Get<CommandDispatcher>().DispatchAsync(command, new CommandContext(Caller), Ct);
    }
}
