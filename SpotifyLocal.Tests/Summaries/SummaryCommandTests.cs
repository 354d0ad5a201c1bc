using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SkiaSharp;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Core.Summaries;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Discord;

namespace SpotifyLocal.Tests.Summaries;

/// <summary>/weekly, /visibility, /server and /top user: through the real dispatcher, handlers and SQLite.</summary>
public sealed class SummaryCommandTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 26, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CommandContext Member(string id, string name, bool admin = false) =>
        new(new ChatIdentity(ChatIdentity.Discord, id)) { CallerName = name, ServerId = "g1", CallerManagesServer = admin };

    [Fact]
    public async Task Only_a_member_with_manage_server_can_set_the_weekly_channel()
    {
        await using var harness = await SummaryHarness.StartAsync(Now, Ct);

        var refused = await harness.Dispatcher.DispatchAsync(new ServerWeeklyCommand("c9", true), Member("m1", "Ann"), Ct);
        var stored = await harness.Servers.GetAsync("g1", Ct);
        var accepted = await harness.Dispatcher.DispatchAsync(new ServerWeeklyCommand("c9", true), Member("m2", "Boss", admin: true), Ct);

        Assert.True(refused.IsError && refused.Private);
        Assert.Contains("Manage Server", refused.Text);
        Assert.Null(stored);
        Assert.False(accepted.IsError);
        Assert.Equal(("c9", true), await harness.Servers.GetAsync("g1", Ct) is { } s ? (s.WeeklyChannelId, s.WeeklyEnabled) : default);
    }

    [Fact]
    public async Task Weekly_off_and_the_server_time_zone_are_admin_settings()
    {
        await using var harness = await SummaryHarness.StartAsync(Now, Ct);
        var admin = Member("m2", "Boss", admin: true);
        await harness.Dispatcher.DispatchAsync(new ServerWeeklyCommand("c9", true), admin, Ct);

        var zoneByMember = await harness.Dispatcher.DispatchAsync(new ServerTimeZoneCommand("Asia/Tokyo"), Member("m1", "Ann"), Ct);
        await harness.Dispatcher.DispatchAsync(new ServerTimeZoneCommand("Europe/Berlin"), admin, Ct);
        await harness.Dispatcher.DispatchAsync(new ServerWeeklyCommand(null, false), admin, Ct);

        Assert.True(zoneByMember.IsError);
        var settings = await harness.Servers.GetAsync("g1", Ct);
        Assert.Equal(("Europe/Berlin", false, "c9"), (settings?.TimeZone, settings?.WeeklyEnabled, settings?.WeeklyChannelId));
    }

    [Fact]
    public async Task Another_members_top_is_shown_only_after_they_opted_in_here()
    {
        await using var harness = await SummaryHarness.StartAsync(Now, Ct);
        await harness.SeedAsync([Plays.One("discord:m2", "Song", "Band", null, Now.AddDays(-1))]);
        var top = new TopCommand("week", TopKind.Artists, TargetChatUserId: "m2");

        var hidden = await harness.Dispatcher.DispatchAsync(top, Member("m1", "Ann"), Ct);
        await harness.Dispatcher.DispatchAsync(new VisibilityCommand(true), Member("m2", "Bob"), Ct);
        var visible = await harness.Dispatcher.DispatchAsync(top, Member("m1", "Ann"), Ct);
        await harness.Dispatcher.DispatchAsync(new VisibilityCommand(false), Member("m2", "Bob"), Ct);
        var hiddenAgain = await harness.Dispatcher.DispatchAsync(top, Member("m1", "Ann"), Ct);

        Assert.True(hidden.IsError);
        Assert.DoesNotContain("Band", hidden.Text);
        Assert.Contains("Band", visible.Text);
        Assert.StartsWith("Bob", visible.Title);
        Assert.True(hiddenAgain.IsError);
    }

    [Fact]
    public async Task Server_top_on_demand_shows_only_visible_members_with_a_chart()
    {
        await using var harness = await SummaryHarness.StartAsync(Now, Ct);
        await harness.SeedAsync([Plays.One("discord:m1", "Song", "Shown Band", null, Now.AddDays(-1)), Plays.One("discord:m2", "Song", "Hidden Band", null, Now.AddDays(-1))]);
        await harness.Dispatcher.DispatchAsync(new VisibilityCommand(true), Member("m1", "Ann"), Ct);

        var reply = await harness.Dispatcher.DispatchAsync(new ServerTopCommand("week", TopKind.Artists), Member("m3", "Cat"), Ct);

        Assert.Contains("Shown Band", reply.Text);
        Assert.DoesNotContain("Hidden Band", reply.Text);
        using var bitmap = SKBitmap.Decode(reply.Png);
        Assert.NotNull(bitmap);
    }

    [Fact]
    public async Task Telegram_weekly_on_subscribes_the_caller_and_off_unsubscribes()
    {
        await using var harness = await SummaryHarness.StartAsync(Now, Ct);
        var caller = new CommandContext(new ChatIdentity(ChatIdentity.Telegram, "42"));

        await harness.Dispatcher.DispatchAsync(CommandParser.Parse("/weekly on").Command!, caller, Ct);
        var afterOn = await harness.Settings.IsWeeklyAsync(caller.Caller, Ct);
        await harness.Dispatcher.DispatchAsync(CommandParser.Parse("/weekly off").Command!, caller, Ct);

        Assert.True(afterOn);
        Assert.False(await harness.Settings.IsWeeklyAsync(caller.Caller, Ct));
    }

    [Fact]
    public async Task Forgetting_a_member_withdraws_their_visibility_everywhere_and_their_weekly_subscription()
    {
        await using var harness = await SummaryHarness.StartAsync(Now, Ct);
        var member = new ChatIdentity(ChatIdentity.Discord, "m1");
        await harness.Settings.SetVisibleAsync("g1", "m1", "Ann", true, Ct);
        await harness.Settings.SetVisibleAsync("g2", "m1", "Ann", true, Ct);
        await harness.Settings.SetWeeklyAsync(member, true, Ct);

        await harness.Services.GetRequiredService<Core.Accounts.AccountLifecycleService>().ForgetAsync(member, Ct);

        Assert.False(await harness.Settings.IsVisibleAsync("g1", "m1", Ct));
        Assert.False(await harness.Settings.IsVisibleAsync("g2", "m1", Ct));
        Assert.False(await harness.Settings.IsWeeklyAsync(member, Ct));
    }

    [Fact]
    public void Discord_weekly_with_a_channel_in_a_server_is_the_server_setting_and_server_top_reads_its_subcommand()
    {
        var weekly = Interactions.SlashCommand("weekly", [Interactions.Option("channel", 7, "999")]);
        var server = Interactions.SlashCommand("server", [new JsonObject
        {
            ["name"] = "top", ["type"] = 1,
            ["options"] = new JsonArray(Interactions.Option("period", 3, "year"), Interactions.Option("type", 3, "tracks")),
        }]);
        var inDm = Interactions.SlashCommand("weekly", [Interactions.Option("state", 3, "on")]);
        inDm.Remove("guild_id");

        Assert.Equal(new ServerWeeklyCommand("999", true), DiscordCommandMapper.Map(Parse(weekly)).Command);
        Assert.Equal(new ServerTopCommand("year", TopKind.Tracks), DiscordCommandMapper.Map(Parse(server)).Command);
        Assert.Equal(new WeeklyCommand(true), DiscordCommandMapper.Map(Parse(inDm)).Command);
    }

    [Fact]
    public async Task The_worker_posts_when_the_fake_clock_reaches_the_slot()
    {
        var slot = new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero);
        await using var harness = await SummaryHarness.StartAsync(slot.AddMinutes(-1), Ct);
        await harness.AddServerAsync("g1", "c1", "Europe/Berlin", ("m1", "Ann"));
        await harness.SeedAsync([Plays.One("discord:m1", "Song", "Band", null, new DateTimeOffset(2026, 3, 25, 18, 0, 0, TimeSpan.Zero))]);
        var worker = harness.Services.GetServices<IHostedService>().OfType<SummaryWorker>().Single();

        await worker.StartAsync(Ct);
        await harness.Time.WaitForTimerAsync(TimeSpan.FromMinutes(1), Ct);
        var beforeSlot = harness.ChannelPosts("c1").Count;
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Discord.WaitForRequestAsync(r => r.Path == "/api/v10/channels/c1/messages", Ct);
        await worker.StopAsync(Ct);

        Assert.Equal(0, beforeSlot);
        Assert.Single(harness.ChannelPosts("c1"));
    }

    private static InteractionDto Parse(JsonObject json) =>
        JsonSerializer.Deserialize(json.ToJsonString(), DiscordJsonContext.Default.InteractionDto)!;
}
