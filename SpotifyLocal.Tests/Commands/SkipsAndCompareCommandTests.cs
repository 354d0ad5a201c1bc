using System.Text.Json;
using System.Text.Json.Nodes;
using SkiaSharp;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Discord;

namespace SpotifyLocal.Tests.Commands;

/// <summary>/skips and /compare: parsing, Discord mapping and definitions, help, and replies through the real dispatcher on SQLite.</summary>
public sealed class SkipsAndCompareCommandTests : IAsyncDisposable
{
    private static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    private static readonly ChatIdentity Ann = new(ChatIdentity.Discord, "111");
    private static readonly ChatIdentity Bob = new(ChatIdentity.Discord, "222");
    private static readonly PlayContext Skipped = new(true, "clickrow", "fwdbtn", false, "android", false);
    private static readonly PlayContext Finished = new(false, "clickrow", "trackdone", false, "android", false);

    // Noon on 10 March 2026 in Berlin.
    private readonly TestBot _bot = new(now: new DateTimeOffset(2026, 3, 10, 12, 0, 0, Cet));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _bot.DisposeAsync();

    [Theory]
    [InlineData("/skips", "month")]
    [InlineData("/skips 2026-02", "2026-02")]
    [InlineData("/skips@MyBot YEAR", "year")]
    public void Skips_parse_with_an_optional_period(string text, string period)
    {
        Assert.Equal(new SkipsCommand(period), CommandParser.Parse(text).Command);
    }

    [Theory]
    [InlineData("/compare <@222>", "222", "month")]
    [InlineData("/compare <@!222> week", "222", "week")]
    [InlineData("/compare 222 2026-02", "222", "2026-02")]
    [InlineData("/compare @bob", "bob", "month")]
    public void Compare_parses_a_member_and_an_optional_period(string text, string member, string period)
    {
        Assert.Equal(new CompareCommand(member, period), CommandParser.Parse(text).Command);
    }

    [Theory]
    [InlineData("/skips week month")]
    [InlineData("/compare")]
    [InlineData("/compare <@222> week month")]
    public void Missing_or_extra_arguments_get_the_usage_line(string text)
    {
        Assert.StartsWith("Usage: /", CommandParser.Parse(text).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_both_and_discord_defines_skips_everywhere_and_compare_in_servers_with_a_user_option()
    {
        Assert.Contains(CommandParser.Usages, u => u.Usage == "/skips [period]");
        Assert.Contains(CommandParser.Usages, u => u.Usage == "/compare @member [period]");
        Assert.Equal(["period"], DiscordCommandDefinitions.All.Single(c => c.Name == "skips").Options!.Select(o => o.Name));
        var compare = DiscordCommandDefinitions.All.Single(c => c.Name == "compare");
        Assert.Equal([0], compare.Contexts!);
        var member = compare.Options![0];
        Assert.Equal(("member", ApplicationCommandOptionType.User, true), (member.Name, member.Type, member.Required));
        Assert.Equal(6, (int)member.Type);
        Assert.Equal("period", compare.Options[1].Name);
    }

    [Fact]
    public void Discord_compare_maps_the_user_option_and_the_members_server_name()
    {
        var interaction = Interactions.SlashCommand(
            "compare",
            [Interactions.Option("member", 6, "222"), Interactions.Option("period", 3, "year")],
            new JsonObject
            {
                ["users"] = new JsonObject { ["222"] = new JsonObject { ["id"] = "222", ["username"] = "bob", ["global_name"] = "Bob" } },
                ["members"] = new JsonObject { ["222"] = new JsonObject { ["nick"] = "Bobby", ["roles"] = new JsonArray() } },
            });
        var withoutNick = Interactions.SlashCommand(
            "compare",
            [Interactions.Option("member", 6, "222")],
            new JsonObject { ["users"] = new JsonObject { ["222"] = new JsonObject { ["id"] = "222", ["username"] = "bob", ["global_name"] = "Bob" } } });

        Assert.Equal(new CompareCommand("222", "year", "Bobby"), DiscordCommandMapper.Map(Parse(interaction)).Command);
        Assert.Equal(new CompareCommand("222", "month", "Bob"), DiscordCommandMapper.Map(Parse(withoutNick)).Command);
        Assert.Equal(new SkipsCommand("week"), DiscordCommandMapper.Map(Parse(Interactions.SlashCommand("skips", [Interactions.Option("period", 3, "week")]))).Command);
    }

    [Fact]
    public async Task Skips_answer_with_the_rate_its_coverage_the_lists_a_chart_and_buttons()
    {
        await RunAsync("/timezone Europe/Berlin", Ann);
        var plays = new List<Play>();
        for (var day = 1; day <= 10; day++)
        {
            plays.Add(Play(Ann, "A1", "Alpha", new(2026, 2, day, 12, 0, 0, Cet), day <= 4 ? Skipped : Finished));
        }

        plays.Add(Play(Ann, "B1", "Beta", new(2026, 2, 11, 12, 0, 0, Cet), Skipped));
        plays.Add(Play(Ann, "B1", "Beta", new(2026, 2, 12, 12, 0, 0, Cet), Skipped));
        for (var day = 13; day <= 15; day++)
        {
            plays.Add(Plays.One(Ann.LocalUserId, "T1", "Tracked", null, new(2026, 2, day, 12, 0, 0, Cet), PlaySource.Tracked));
        }

        await _bot.Get<IPlayStore>().InsertAsync(plays, Ct);

        var reply = await RunAsync("/skips 2026-02", Ann);

        Assert.False(reply.IsError);
        Assert.Equal(
            "Skip rate in February 2026: 50% (6 of 12 plays skipped)\n"
            + "Skip data for 12 of 15 plays in this period; tracked and account-data plays don't say.\n\n"
            + "Most skipped tracks:\n"
            + "1. Alpha — A1 · 4 of 10 skipped (40%)\n"
            + "2. Beta — B1 · 2 of 2 skipped (100%)\n\n"
            + "Skip rate by artist (at least 10 plays with skip data):\n"
            + "1. Alpha · 40% (4 of 10)",
            reply.Text);
        using var bitmap = SKBitmap.Decode(reply.Png);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        Assert.Equal(["/skips week", "/skips month", "/skips year"], reply.Buttons.Select(b => b.CommandText));
    }

    [Fact]
    public async Task Skips_without_export_plays_say_why_there_is_no_rate()
    {
        await _bot.Get<IPlayStore>().InsertAsync(
            [Plays.One(Ann.LocalUserId, "T1", "Tracked", null, new(2026, 3, 1, 12, 0, 0, Cet), PlaySource.Tracked)], Ct);

        var reply = await RunAsync("/skips", Ann);

        Assert.Null(reply.Png);
        Assert.Equal(
            "No skip data in last 30 days: none of your 1 play then came from Spotify's extended streaming history, "
            + "the only source that says whether a play was skipped. Add it with /import.",
            reply.Text);
    }

    [Fact]
    public async Task Compare_outside_a_server_or_without_both_visible_says_what_is_missing()
    {
        var inTelegram = await _bot.Get<CommandDispatcher>().DispatchAsync(
            new CompareCommand("222", "month"), new CommandContext(new ChatIdentity(ChatIdentity.Telegram, "77")), Ct);
        var callerHidden = await RunAsync("/compare <@222>", Ann, "g1");
        await _bot.Get<SummarySettingsService>().SetVisibleAsync("g1", Ann.ChatUserId, "Ann", true, Ct);
        var targetHidden = await RunAsync("/compare <@222>", Ann, "g1");
        await _bot.Get<SummarySettingsService>().SetVisibleAsync("g2", Bob.ChatUserId, "Bob", true, Ct);
        var visibleElsewhere = await RunAsync("/compare <@222>", Ann, "g1");
        var self = await RunAsync("/compare <@111>", Ann, "g1");

        Assert.Equal("/compare needs a Discord server: run it there, with a member who turned on /visibility.", inTelegram.Text);
        Assert.Equal("Turn on /visibility state:on in this server first: /compare shows your listening next to theirs.", callerHidden.Text);
        Assert.Equal("That member's listening is private in this server. They can share it with /visibility state:on.", targetHidden.Text);
        Assert.Equal(targetHidden.Text, visibleElsewhere.Text);
        Assert.Equal("Pick another member: /compare puts your listening next to someone else's.", self.Text);
        Assert.All([inTelegram, callerHidden, targetHidden, self], r => Assert.True(r.IsError));
    }

    [Fact]
    public async Task Compare_answers_with_the_overlap_shared_artists_exclusive_ones_and_one_chart()
    {
        var settings = _bot.Get<SummarySettingsService>();
        await settings.SetVisibleAsync("g1", Ann.ChatUserId, "Ann", true, Ct);
        await settings.SetVisibleAsync("g1", Bob.ChatUserId, "Bob", true, Ct);
        await settings.SetServerTimeZoneAsync("g1", "Europe/Berlin", Ct);
        var plays = new List<Play>();
        // Ann: X 5, Y 3, Z 1, V 1. Bob: X 2 (one at 23:30Z on 31 January, February in Berlin), Y 1, W 2, V once in 2025.
        plays.AddRange(Days(Ann, "X", 1, 5));
        plays.AddRange(Days(Ann, "Y", 6, 3));
        plays.AddRange(Days(Ann, "Z", 9, 1));
        plays.AddRange(Days(Ann, "V", 10, 1));
        plays.Add(Play(Bob, "x", "X", new(2026, 2, 1, 0, 30, 0, Cet), null));
        plays.AddRange(Days(Bob, "X", 3, 1));
        plays.AddRange(Days(Bob, "Y", 4, 1));
        plays.AddRange(Days(Bob, "W", 5, 2));
        plays.Add(Play(Bob, "v", "V", new(2025, 6, 1, 12, 0, 0, Cet), null));
        await _bot.Get<IPlayStore>().InsertAsync(plays, Ct);

        var reply = await _bot.Get<CommandDispatcher>().DispatchAsync(
            new CompareCommand(Bob.ChatUserId, "2026-02", "Bobby"), new CommandContext(Ann) { CallerName = "Annie", ServerId = "g1" }, Ct);

        Assert.False(reply.IsError);
        // Shares Ann: X .5 Y .3 Z .1 V .1; Bob: X .4 Y .2 W .4. (.4 + .2) / (.5 + .3 + .1 + .1 + .4) = 3/7 = 42.9 %.
        Assert.Equal(
            "Annie and Bobby in February 2026: 43% taste overlap\n"
            + "2 artists in common · Annie 10 plays · Bobby 5 plays\n\n"
            + "Both play:\n"
            + "1. X · Annie 5 (50%) · Bobby 2 (40%)\n"
            + "2. Y · Annie 3 (30%) · Bobby 1 (20%)\n\n"
            + "Annie's that Bobby never played: Z\n"
            + "Bobby's that Annie never played: W\n\n"
            + "Overlap: per artist, the smaller of the two shares of each one's plays, summed, over the larger ones summed.",
            reply.Text);
        using var bitmap = SKBitmap.Decode(reply.Png);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        Assert.Equal(["/compare 222 week", "/compare 222 month", "/compare 222 year", "/compare 222 all"], reply.Buttons.Select(b => b.CommandText));
    }

    private static IEnumerable<Play> Days(ChatIdentity who, string artist, int firstDay, int count) =>
        Enumerable.Range(firstDay, count).Select(day => Play(who, artist.ToLowerInvariant(), artist, new(2026, 2, day, 12, 0, 0, Cet), null));

    private static Play Play(ChatIdentity who, string track, string artist, DateTimeOffset at, PlayContext? context) =>
        Plays.One(who.LocalUserId, track, artist, null, at) with { Context = context };

    private static InteractionDto Parse(JsonObject json) =>
        JsonSerializer.Deserialize(json.ToJsonString(), DiscordJsonContext.Default.InteractionDto)!;

    private async Task<BotReply> RunAsync(string text, ChatIdentity caller, string? serverId = null)
    {
        var command = CommandParser.Parse(text).Command ?? throw new InvalidOperationException(text);
        return await _bot.Get<CommandDispatcher>().DispatchAsync(command, new CommandContext(caller) { ServerId = serverId }, Ct);
    }
}
