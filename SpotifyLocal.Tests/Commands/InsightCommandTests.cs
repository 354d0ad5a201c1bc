using SkiaSharp;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;

namespace SpotifyLocal.Tests.Commands;

/// <summary>/streaks and /discoveries: parsing, the Discord and Telegram command lists, and replies through the real dispatcher on SQLite.</summary>
public sealed class InsightCommandTests : IAsyncDisposable
{
    private static readonly ChatIdentity Caller = new(ChatIdentity.Telegram, "77");
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);

    // 20:00 on 7 January 2026 in Berlin.
    private readonly TestBot _bot = new(now: new DateTimeOffset(2026, 1, 7, 20, 0, 0, Cet));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Theory]
    [InlineData("/streaks", "streaks", null, null)]
    [InlineData("/discoveries", "discoveries", "month", TopKind.Artists)]
    [InlineData("/discoveries tracks 2026-02", "discoveries", "2026-02", TopKind.Tracks)]
    [InlineData("/discoveries@MyBot YEAR artists", "discoveries", "year", TopKind.Artists)]
    public void The_commands_parse_with_an_optional_period_and_kind(string text, string name, string? period, TopKind? kind)
    {
        var command = CommandParser.Parse(text).Command;

        Assert.Equal(name, command?.Name);
        if (command is DiscoveriesCommand discoveries)
        {
            Assert.Equal((period, kind), (discoveries.Period, (TopKind?)discoveries.Kind));
        }
    }

    [Theory]
    [InlineData("/streaks week")]
    [InlineData("/discoveries month albums")]
    [InlineData("/discoveries month year")]
    public void Extra_arguments_get_the_usage_line(string text)
    {
        Assert.StartsWith("Usage: /", CommandParser.Parse(text).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_the_telegram_menu_and_discord_list_both_commands()
    {
        Assert.Contains(CommandParser.Usages, u => u.Name == "streaks");
        Assert.Contains(CommandParser.Usages, u => u.Usage == "/discoveries [period] [artists|tracks]");
        Assert.Null(DiscordCommandDefinitions.All.Single(c => c.Name == "streaks").Options);
        Assert.Equal(["period", "type"], DiscordCommandDefinitions.All.Single(c => c.Name == "discoveries").Options!.Select(o => o.Name));
    }

    [Fact]
    public async Task Streaks_answer_with_local_day_streaks_a_chart_and_buttons()
    {
        await RunAsync("/timezone Europe/Berlin");
        var plays = new List<Play>();
        for (var day = 1; day <= 5; day++)
        {
            plays.Add(Plays.One(Caller.LocalUserId, "Jóga", "Björk", null, new DateTimeOffset(2026, 1, day, 12, 0, 0, Cet)));
        }

        // 23:30Z on 5 January is the 6th in Berlin.
        plays.Add(Plays.One(Caller.LocalUserId, "Hyperballad", "Björk", null, new DateTimeOffset(2026, 1, 6, 0, 30, 0, Cet)));
        plays.Add(Plays.One(Caller.LocalUserId, "Green Grass", "Múm", null, new DateTimeOffset(2026, 1, 7, 10, 0, 0, Cet)));
        await _bot.Get<IPlayStore>().InsertAsync(plays, Ct);

        var reply = await RunAsync("/streaks");

        Assert.False(reply.IsError);
        Assert.Equal(
            "Current streak: 7 days (since 1 Jan 2026)\n"
            + "Longest streak: 7 days (1 Jan 2026 – 7 Jan 2026)\n"
            + "7 days with plays · days run midnight to midnight in Europe/Berlin\n\n"
            + "Artists, days in a row:\n"
            + "1. Björk · 6 days (1 Jan 2026 – 6 Jan 2026) · now 6 days\n"
            + "2. Múm · 1 day (7 Jan 2026 – 7 Jan 2026) · now 1 day",
            reply.Text);
        using var bitmap = SKBitmap.Decode(reply.Png);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        Assert.Equal(["/discoveries month artists", "/top month artists"], reply.Buttons.Select(b => b.CommandText));
    }

    [Fact]
    public async Task Discoveries_answer_with_both_lists_a_chart_of_the_chosen_kind_and_buttons()
    {
        await RunAsync("/timezone Europe/Berlin");
        await _bot.Get<IPlayStore>().InsertAsync(
        [
            Plays.One(Caller.LocalUserId, "Old", "Known", null, new DateTimeOffset(2025, 11, 1, 12, 0, 0, Cet)),
            Plays.One(Caller.LocalUserId, "New", "Known", null, new DateTimeOffset(2026, 1, 2, 12, 0, 0, Cet)),
            Plays.One(Caller.LocalUserId, "X1", "Xiu Xiu", null, new DateTimeOffset(2026, 1, 3, 12, 0, 0, Cet)),
            Plays.One(Caller.LocalUserId, "X1", "Xiu Xiu", null, new DateTimeOffset(2026, 1, 4, 12, 0, 0, Cet)),
        ], Ct);

        var reply = await RunAsync("/discoveries week tracks");
        var nothing = await RunAsync("/discoveries 2025-12");

        Assert.Equal(
            "1 new artist · 2 new tracks first played in last 7 days\n\n"
            + "New artists:\n1. Xiu Xiu · 2 plays since 3 Jan 2026\n\n"
            + "New tracks:\n1. Xiu Xiu — X1 · 2 plays since 3 Jan 2026\n2. Known — New · 1 play since 2 Jan 2026",
            reply.Text);
        Assert.NotNull(reply.Png);
        Assert.Equal(["/discoveries month tracks", "/discoveries year tracks", "/discoveries week artists"], reply.Buttons.Select(b => b.CommandText));
        Assert.Null(nothing.Png);
        Assert.StartsWith("Nothing new in December 2025", nothing.Text, StringComparison.Ordinal);
    }

    private async Task<BotReply> RunAsync(string text)
    {
        var command = CommandParser.Parse(text).Command ?? throw new InvalidOperationException(text);
        return await _bot.Get<CommandDispatcher>().DispatchAsync(command, new CommandContext(Caller), Ct);
    }
}
