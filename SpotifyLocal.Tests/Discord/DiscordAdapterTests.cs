using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Storage;
using SpotifyLocal.Tests.Builders;
using SpotifyLocal.Tests.Fakes;
using Xunit;

namespace SpotifyLocal.Tests.Discord;

/// <summary>The Discord adapter end to end: fake Discord ↔ real gateway/REST client ↔ real command layer on SQLite.</summary>
public sealed class DiscordAdapterTests : IAsyncDisposable
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
    private readonly ObservedTimeProvider _time = new(TestBot.DefaultNow);
    private FakeDiscordServer _fake = null!;
    private TestBot _bot = null!;
    private IHostedService _adapter = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<FakeDiscordGatewayConnection> StartAsync(
        bool standInHandlers = true, SpotifyLocal.Tests.Telegram.CollectingLoggerProvider? logs = null, bool devGuild = true,
        Action<FakeDiscordServer>? arrange = null)
    {
        _fake = await FakeDiscordServer.StartAsync();
        arrange?.Invoke(_fake);
        var settings = new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = FakeDiscordServer.BotToken,
            ["Discord:ApiBaseUrl"] = _fake.ApiBaseUrl,
            ["Discord:GatewayUrlOverride"] = _fake.GatewayUrl.ToString(),
            ["Discord:DevGuildId"] = devGuild ? Interactions.GuildId : null,
            ["Discord:MaxImportBytes"] = "100000",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _bot = new TestBot(settings, time: _time, configure: services =>
        {
            services.AddDiscord(configuration);
            if (logs is not null)
            {
                services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
            }

            if (standInHandlers)
            {
                services.AddCommandHandler<TopCommand, ChartTopHandler>();
                services.AddCommandHandler<ImportCommand, ByteCountingImportHandler>();
            }
        });
        _fake.Time = _time.Unobserved;
        _adapter = _bot.Services.GetServices<IHostedService>().OfType<DiscordAdapter>().Single();
        await _adapter.StartAsync(Ct);
        var connection = await _fake.NextConnectionAsync(Ct);
        await connection.SendHelloAsync(41250);
        await connection.ReceiveAsync(2, Ct);
        await connection.SendReadyAsync("adapter-session", Interactions.GuildId);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_adapter is not null)
        {
            await _adapter.StopAsync(CancellationToken.None);
        }

        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }

        if (_fake is not null)
        {
            await _fake.DisposeAsync();
        }
    }

    [Fact]
    public async Task READY_registers_every_slash_command_in_the_dev_server()
    {
        await StartAsync();

        var put = await _fake.WaitForRequestAsync(r => r.Method == "PUT", Ct);

        Assert.Equal($"/api/v10/applications/{FakeDiscordServer.ApplicationId}/guilds/{Interactions.GuildId}/commands", put.Path);
        Assert.Equal(DiscordCommandDefinitions.All.Count, put.Json.GetArrayLength());
    }

    [Fact]
    public async Task Registering_in_the_dev_server_removes_global_commands_left_from_before()
    {
        await StartAsync(arrange: fake => fake.SetCommands(null, """[{"id":"1","name":"top","description":"old","type":1}]"""));

        await _fake.WaitForRequestAsync(r => r.Method == "PUT" && r.Path.EndsWith($"/applications/{FakeDiscordServer.ApplicationId}/commands", StringComparison.Ordinal), Ct);
        await _fake.WaitUntilAsync(() => _fake.CommandsIn(null) == "[]", Ct);

        Assert.Equal(DiscordCommandDefinitions.All.Count, JsonDocument.Parse(_fake.CommandsIn(Interactions.GuildId)).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Registering_globally_removes_the_commands_a_dev_server_registration_left_in_a_server()
    {
        await StartAsync(devGuild: false, arrange: fake => fake.SetCommands(Interactions.GuildId, """[{"id":"1","name":"top","description":"old","type":1}]"""));

        await _fake.WaitUntilAsync(() => _fake.CommandsIn(Interactions.GuildId) == "[]", Ct);

        Assert.Equal(DiscordCommandDefinitions.All.Count, JsonDocument.Parse(_fake.CommandsIn(null)).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Top_month_is_deferred_publicly_then_the_original_is_edited_with_an_embed_and_the_PNG()
    {
        var connection = await StartAsync();

        var interaction = Interactions.SlashCommand("top", new JsonArray(Interactions.Option("period", 3, "month")));
        await connection.SendDispatchAsync("INTERACTION_CREATE", interaction);
        var edit = await _fake.WaitForRequestAsync(r => r.Method == "PATCH", Ct);

        var callback = _fake.Requests.Single(r => r.Path.EndsWith("/callback", StringComparison.Ordinal));
        Assert.Equal("""{"type":5}""", callback.Body);
        var order = _fake.Requests.ToList();
        Assert.True(order.IndexOf(callback) < order.IndexOf(edit));
        Assert.Equal($"/api/v10/webhooks/{FakeDiscordServer.ApplicationId}/{interaction["token"]}/messages/@original", edit.Path);
        var file = Assert.Single(edit.Files);
        Assert.Equal(Png, file.Content);
        Assert.Equal("files[0]", file.PartName);
        var embed = edit.Json.GetProperty("embeds")[0];
        Assert.Equal("attachment://top.png", embed.GetProperty("image").GetProperty("url").GetString());
        Assert.Contains("month Tracks for Listener", embed.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_chart_above_the_interactions_attachment_size_limit_is_left_out_with_a_note_instead_of_a_413()
    {
        var connection = await StartAsync();

        var interaction = Interactions.SlashCommand("top", new JsonArray(Interactions.Option("period", 3, "month")));
        interaction["attachment_size_limit"] = Png.Length - 1;
        await connection.SendDispatchAsync("INTERACTION_CREATE", interaction);
        var token = (string)interaction["token"]!;
        await _fake.WaitUntilAsync(() => _fake.MessagesOf(token) is [{ Thinking: false }], Ct);

        var edit = Assert.Single(_fake.Requests, r => r.Method == "PATCH");
        Assert.Empty(edit.Files);
        var embed = edit.Json.GetProperty("embeds")[0];
        Assert.False(embed.TryGetProperty("image", out var image) && image.ValueKind == JsonValueKind.Object);
        Assert.Contains("month Tracks for Listener", embed.GetProperty("description").GetString());
        Assert.Contains("larger than the", embed.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Forget_answers_privately_with_a_confirm_button_and_the_button_deletes_the_callers_plays()
    {
        var connection = await StartAsync();
        var userId = new ChatIdentity(ChatIdentity.Discord, Interactions.MemberUserId).LocalUserId;
        await _bot.Get<IPlayStore>().InsertAsync(Plays.For(userId).Count(3).Build(), Ct);

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand("forget"));
        var ask = await _fake.WaitForRequestAsync(r => r.Method == "PATCH", Ct);
        var button = ask.Json.GetProperty("components")[0].GetProperty("components")[0];
        var press = Interactions.SlashCommand("forget");
        press["type"] = 3;
        press["data"] = new JsonObject { ["custom_id"] = button.GetProperty("custom_id").GetString(), ["component_type"] = 2 };
        press["message"] = new JsonObject { ["id"] = "900", ["channel_id"] = Interactions.ChannelId, ["flags"] = 64 };
        await connection.SendDispatchAsync("INTERACTION_CREATE", press);
        var done = await _fake.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains((string)press["token"]!, StringComparison.Ordinal), Ct);

        var deferrals = _fake.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).Select(r => r.Body).ToList();
        Assert.Equal(["""{"type":5,"data":{"flags":64}}""", """{"type":6}"""], deferrals);
        Assert.Equal("/forget confirm", button.GetProperty("custom_id").GetString());
        Assert.Contains("3 plays", done.Json.GetProperty("embeds")[0].GetProperty("description").GetString());
        Assert.Equal(0, await _bot.Get<IPlayStore>().CountAsync(PlayScope.AllTime(userId), Ct));
    }

    [Fact]
    public async Task Import_downloads_the_attachment_shows_progress_and_ends_with_the_result()
    {
        var connection = await StartAsync();
        var export = Enumerable.Range(0, 5000).Select(i => (byte)i).ToArray();
        _fake.AddAttachment("my_spotify_data.zip", export);

        await connection.SendDispatchAsync("INTERACTION_CREATE", ImportInteraction("my_spotify_data.zip", export.Length));
        var edits = await WaitForEditsAsync(2);

        Assert.StartsWith("Downloading my_spotify_data.zip", edits[0].Json.GetProperty("content").GetString());
        var final = edits[^1].Json.GetProperty("embeds")[0].GetProperty("description").GetString();
        Assert.Equal($"my_spotify_data.zip: {export.Length} bytes", final);
        Assert.False(File.Exists(ByteCountingImportHandler.LastPath));
    }

    [Fact]
    public async Task An_import_above_the_size_limit_gets_a_clear_private_message_without_downloading()
    {
        var connection = await StartAsync();
        _fake.AddAttachment("huge.zip", new byte[10]);

        await connection.SendDispatchAsync("INTERACTION_CREATE", ImportInteraction("huge.zip", 50_000_000));
        var edit = await _fake.WaitForRequestAsync(r => r.Method == "PATCH", Ct);

        Assert.Contains("larger than", edit.Json.GetProperty("content").GetString());
        Assert.Contains("/web/open?t=", edit.Json.GetProperty("content").GetString());
        Assert.DoesNotContain(_fake.Requests, r => r.Path.StartsWith("/attachments/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_error_after_a_public_deferral_is_replaced_by_an_ephemeral_followup()
    {
        var connection = await StartAsync();

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand(
            "top", new JsonArray(Interactions.Option("period", 3, ChartTopHandler.FailingPeriod))));
        var followup = await _fake.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal), Ct);

        Assert.Single(_fake.Requests, r => r.Method == "DELETE");
        Assert.Equal(64, followup.Json.GetProperty("flags").GetInt32());
        Assert.Equal("No plays in that period yet.", followup.Json.GetProperty("content").GetString());
        // What the channel sees: no public "thinking…" left and the error only for the caller.
        var token = followup.Path.Split('/')[^1];
        await _fake.WaitUntilAsync(() => _fake.MessagesOf(token).Count > 0, Ct);
        Assert.Equal([new FakeDiscordMessage("No plays in that period yet.", null, Ephemeral: true, Thinking: false)], _fake.MessagesOf(token));
    }

    [Fact]
    public async Task An_error_from_a_button_on_a_public_chart_comes_privately_and_leaves_the_chart_alone()
    {
        var connection = await StartAsync();

        var press = Interactions.SlashCommand("top");
        press["type"] = 3;
        press["data"] = new JsonObject { ["custom_id"] = $"/top {ChartTopHandler.FailingPeriod}", ["component_type"] = 2 };
        press["message"] = new JsonObject { ["id"] = "901", ["channel_id"] = Interactions.ChannelId, ["flags"] = 0 };
        await connection.SendDispatchAsync("INTERACTION_CREATE", press);
        var followup = await _fake.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal), Ct);

        Assert.Equal(64, followup.Json.GetProperty("flags").GetInt32());
        Assert.Equal("No plays in that period yet.", followup.Json.GetProperty("content").GetString());
        Assert.DoesNotContain(_fake.Requests, r => r.Method is "PATCH" or "DELETE");
    }

    [Fact]
    public async Task A_button_on_your_own_public_chart_edits_it_in_place()
    {
        var connection = await StartAsync();

        await connection.SendDispatchAsync("INTERACTION_CREATE", ChartButtonPress(owner: Interactions.MemberUserId));
        var edit = await _fake.WaitForRequestAsync(r => r.Method == "PATCH", Ct);

        Assert.EndsWith("/messages/@original", edit.Path, StringComparison.Ordinal);
        Assert.Single(edit.Files);
    }

    [Fact]
    public async Task A_button_on_someone_elses_public_chart_answers_the_presser_privately_and_leaves_the_chart()
    {
        var connection = await StartAsync();

        await connection.SendDispatchAsync("INTERACTION_CREATE", ChartButtonPress(owner: "someone-else"));
        var followup = await _fake.WaitForRequestAsync(r => r.Method == "POST" && r.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal), Ct);

        Assert.Equal(64, followup.Json.GetProperty("flags").GetInt32());
        Assert.Single(followup.Files);
        Assert.DoesNotContain(_fake.Requests, r => r.Method is "PATCH" or "DELETE");
    }

    [Fact]
    public async Task A_button_press_carrying_the_components_integer_id_is_answered_and_the_adapter_keeps_serving()
    {
        var connection = await StartAsync();
        var press = ChartButtonPress(owner: Interactions.MemberUserId);
        // Discord's own example: "data": {"component_type": 2, "id": 2, "custom_id": …} (developers/components/reference.mdx).
        press["data"]!["id"] = 2;

        await connection.SendDispatchAsync("INTERACTION_CREATE", press);
        var edit = await _fake.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains((string)press["token"]!, StringComparison.Ordinal), Ct);
        var next = Interactions.SlashCommand("help");
        await connection.SendDispatchAsync("INTERACTION_CREATE", next);
        var help = await _fake.WaitForRequestAsync(r => r.Method == "PATCH" && r.Path.Contains((string)next["token"]!, StringComparison.Ordinal), Ct);

        Assert.Single(edit.Files);
        Assert.Contains("/top", help.Json.GetProperty("embeds")[0].GetProperty("description").GetString());
        Assert.Equal(1, _fake.ConnectionCount);
    }

    [Fact]
    public async Task A_button_whose_custom_id_names_a_server_path_imports_nothing()
    {
        var connection = await StartAsync(standInHandlers: false);

        var press = Interactions.SlashCommand("import");
        press["type"] = 3;
        press["data"] = new JsonObject { ["custom_id"] = "/import " + Samples.DemoExport(), ["component_type"] = 2 };
        press["message"] = new JsonObject { ["id"] = "903", ["channel_id"] = Interactions.ChannelId, ["flags"] = 64 };
        await connection.SendDispatchAsync("INTERACTION_CREATE", press);
        // The answer, not the deferral or a progress line: the final reply's embed, or an immediate message (type 4).
        var answer = await _fake.WaitForRequestAsync(
            r => r.Path.Contains((string)press["token"]!, StringComparison.Ordinal)
                && r.Body is { } body && (body.Contains("\"embeds\"", StringComparison.Ordinal) || body.StartsWith("{\"type\":4", StringComparison.Ordinal)),
            Ct);

        var userId = new ChatIdentity(ChatIdentity.Discord, Interactions.MemberUserId).LocalUserId;
        Assert.Equal(0, await _bot.Get<IPlayStore>().CountAsync(PlayScope.AllTime(userId), Ct));
        Assert.DoesNotContain("Imported", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_reply_that_outlives_the_interaction_token_is_posted_in_the_channel_mentioning_the_caller()
    {
        var connection = await StartAsync();

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand(
            "top", new JsonArray(Interactions.Option("period", 3, ChartTopHandler.SlowPeriod))));
        await _fake.WaitUntilAsync(() => _fake.ChannelMessages.Count > 0, Ct);

        var (channelId, message, request) = Assert.Single(_fake.ChannelMessages);
        Assert.Equal(Interactions.ChannelId, channelId);
        Assert.StartsWith($"<@{Interactions.MemberUserId}>", message.Content, StringComparison.Ordinal);
        Assert.Contains($"{ChartTopHandler.SlowPeriod} Tracks for Listener", message.EmbedDescription);
        Assert.Single(request.Files);
        Assert.Equal(Interactions.MemberUserId, request.Json.GetProperty("allowed_mentions").GetProperty("users")[0].GetString());
        // The token was known to be dead: the edit was not even tried.
        Assert.DoesNotContain(_fake.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task A_final_reply_held_back_by_a_shared_429_longer_than_the_token_lives_is_posted_in_the_channel_at_once()
    {
        // developers/topics/rate-limits.mdx, "Example Exceeded Resource Rate Limit Response": retry_after 1336.57 s, past
        // the interaction token's 15 minutes, so waiting could only end in 50027.
        var connection = await StartAsync(arrange: fake => fake.RateLimitNext("PATCH", "/api/v10/webhooks/", 1336.57, shared: true));

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand(
            "top", new JsonArray(Interactions.Option("period", 3, "month"))));
        await _fake.WaitUntilAsync(() => _fake.ChannelMessages.Count > 0, Ct);

        var (channelId, message, _) = Assert.Single(_fake.ChannelMessages);
        Assert.Equal(Interactions.ChannelId, channelId);
        Assert.Contains("month Tracks for Listener", message.EmbedDescription);
        Assert.Equal("shared", Assert.Single(_fake.RateLimited).Scope);
    }

    [Fact]
    public async Task A_final_reply_held_back_by_a_429_longer_than_what_is_left_of_the_token_is_posted_in_the_channel_at_once()
    {
        // The command used 10 of the token's 15 minutes (a long import, say): waiting out 6 more could only end in 50027.
        var connection = await StartAsync(arrange: fake => fake.RateLimitNext("PATCH", "/api/v10/webhooks/", 360, shared: true));
        var createdAt = _time.GetUtcNow();

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand(
            "top", new JsonArray(Interactions.Option("period", 3, ChartTopHandler.TenMinutePeriod))));
        // The fake clock only moves when told to: had the client started the 6-minute wait, nothing would ever arrive.
        await _fake.WaitUntilAsync(() => _fake.ChannelMessages.Count > 0, Ct);

        var (channelId, message, _) = Assert.Single(_fake.ChannelMessages);
        Assert.Equal(Interactions.ChannelId, channelId);
        Assert.Contains($"{ChartTopHandler.TenMinutePeriod} Tracks for Listener", message.EmbedDescription);
        Assert.Single(_fake.Requests, r => r.Method == "PATCH");
        Assert.Equal(TimeSpan.FromMinutes(10), _time.GetUtcNow() - createdAt);
        Assert.DoesNotContain(_time.TimersCreated, due => due >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_final_reply_held_back_by_a_429_shorter_than_what_is_left_of_the_token_is_waited_out_and_edits_the_reply()
    {
        var connection = await StartAsync(arrange: fake => fake.RateLimitNext("PATCH", "/api/v10/webhooks/", 240, shared: true));
        var interaction = Interactions.SlashCommand("top", new JsonArray(Interactions.Option("period", 3, ChartTopHandler.TenMinutePeriod)));

        await connection.SendDispatchAsync("INTERACTION_CREATE", interaction);
        var wait = await _time.NextTimerAsync(due => due >= TimeSpan.FromMinutes(1), Ct);
        _time.Advance(wait);
        var token = (string)interaction["token"]!;
        await _fake.WaitUntilAsync(() => _fake.MessagesOf(token) is [{ Thinking: false }], Ct);

        Assert.Equal(TimeSpan.FromMinutes(4), wait);
        Assert.Contains($"{ChartTopHandler.TenMinutePeriod} Tracks for Listener", _fake.MessagesOf(token)[0].EmbedDescription);
        Assert.Equal(2, _fake.Requests.Count(r => r.Method == "PATCH"));
        Assert.Empty(_fake.ChannelMessages);
    }

    [Fact]
    public async Task A_private_reply_that_outlives_the_interaction_token_goes_to_the_callers_DMs_not_the_channel()
    {
        var connection = await StartAsync();

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand(
            "top", new JsonArray(Interactions.Option("period", 3, ChartTopHandler.SlowPrivatePeriod))));
        await _fake.WaitUntilAsync(() => _fake.ChannelMessages.Count > 0, Ct);

        var (channelId, message, _) = Assert.Single(_fake.ChannelMessages);
        Assert.Equal(FakeDiscordServer.DmChannelOf(Interactions.MemberUserId), channelId);
        Assert.Contains($"{ChartTopHandler.SlowPrivatePeriod} Tracks for Listener", message.EmbedDescription);
    }

    private static JsonObject ChartButtonPress(string owner)
    {
        var press = Interactions.SlashCommand("top");
        press["type"] = 3;
        press["data"] = new JsonObject { ["custom_id"] = "/top week tracks", ["component_type"] = 2 };
        press["message"] = new JsonObject
        {
            ["id"] = "902",
            ["channel_id"] = Interactions.ChannelId,
            ["flags"] = 0,
            ["interaction_metadata"] = new JsonObject { ["id"] = "1", ["user"] = new JsonObject { ["id"] = owner, ["username"] = "owner" } },
        };
        return press;
    }

    [Fact]
    public async Task After_a_drop_the_adapter_resumes_and_serves_the_next_interaction()
    {
        var first = await StartAsync();
        await _fake.WaitForRequestAsync(r => r.Method == "PUT", Ct);

        first.Drop();
        var second = await _fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var resume = (await second.ReceiveAsync(6, Ct)).GetProperty("d");
        await second.SendDispatchAsync("RESUMED", new JsonObject());
        await second.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand("help"));
        var edit = await _fake.WaitForRequestAsync(r => r.Method == "PATCH", Ct);

        Assert.Equal("adapter-session", resume.GetProperty("session_id").GetString());
        Assert.Contains("/top", edit.Json.GetProperty("embeds")[0].GetProperty("description").GetString());
        Assert.Single(_fake.Requests, r => r.Method == "PUT");
    }

    [Fact]
    public async Task Interaction_tokens_and_the_bot_token_never_reach_the_logs()
    {
        var logs = new SpotifyLocal.Tests.Telegram.CollectingLoggerProvider();
        var connection = await StartAsync(logs: logs);
        var interaction = Interactions.SlashCommand("help");

        await connection.SendDispatchAsync("INTERACTION_CREATE", interaction);
        await _fake.WaitForRequestAsync(r => r.Method == "PATCH", Ct);

        var token = interaction["token"]!.GetValue<string>();
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(FakeDiscordServer.BotToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Real_top_month_edits_the_deferred_reply_with_a_decodable_chart_and_the_ranked_list()
    {
        var connection = await StartAsync(standInHandlers: false);
        var userId = new ChatIdentity(ChatIdentity.Discord, Interactions.MemberUserId).LocalUserId;
        var now = _bot.Time.GetUtcNow();
        await _bot.Get<IPlayStore>().InsertAsync(
        [
            Plays.One(userId, "Hyperballad", "Björk", "Post", now.AddDays(-1)),
            Plays.One(userId, "Hyperballad", "Björk", "Post", now.AddDays(-1).AddMinutes(6)),
            Plays.One(userId, "Orbit", "Сплин", null, now.AddDays(-2)),
        ], Ct);

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand("top", new JsonArray(Interactions.Option("period", 3, "month"))));
        var edit = await _fake.WaitForRequestAsync(r => r.Method == "PATCH", Ct);

        using var bitmap = SkiaSharp.SKBitmap.Decode(Assert.Single(edit.Files).Content);
        Assert.Equal((1200, 675), (bitmap.Width, bitmap.Height));
        var description = edit.Json.GetProperty("embeds")[0].GetProperty("description").GetString()!;
        Assert.StartsWith("1. Björk — Hyperballad · 2 plays", description, StringComparison.Ordinal);
        Assert.Contains("2. Сплин — Orbit · 1 play", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Real_import_of_an_attached_export_reports_progress_and_the_exact_counts()
    {
        var connection = await StartAsync(standInHandlers: false);
        using var files = new SpotifyLocal.Tests.Import.ExportFiles();
        var history = new SpotifyLocal.Tests.Import.ExtendedHistoryBuilder(new DateTimeOffset(2025, 1, 1, 9, 0, 0, TimeSpan.Zero))
            .Music(1_500, distinctTracks: 40)
            .Podcasts(7)
            .ShortPlays(12);
        var zip = await File.ReadAllBytesAsync(files.Zip([.. history.ToFiles(rowsPerFile: 600).Select(f => ("Spotify Extended Streaming History/" + f.Name, f.Json))]), Ct);
        _fake.AddAttachment("my_spotify_data.zip", zip);

        await connection.SendDispatchAsync("INTERACTION_CREATE", ImportInteraction("my_spotify_data.zip", zip.Length));
        var final = await _fake.WaitForRequestAsync(
            r => r.Method == "PATCH" && r.Json.TryGetProperty("embeds", out var embeds) && embeds[0].GetProperty("description").GetString()!.StartsWith("Imported", StringComparison.Ordinal),
            Ct);

        var summary = final.Json.GetProperty("embeds")[0].GetProperty("description").GetString()!;
        Assert.Contains($"{history.ExpectedPlays:N0} new plays, 0 already stored", summary, StringComparison.Ordinal);
        // Podcasts are stored apart from music plays now, no longer left out.
        Assert.Contains("7 podcast/audiobook entries stored apart (7 new, 0 already stored)", summary, StringComparison.Ordinal);
        var userId = new ChatIdentity(ChatIdentity.Discord, Interactions.MemberUserId).LocalUserId;
        Assert.Equal(history.ExpectedPlays, await _bot.Get<IPlayStore>().CountAsync(PlayScope.AllTime(userId), Ct));
    }

    private async Task<List<FakeDiscordRequest>> WaitForEditsAsync(int count)
    {
        await _fake.WaitForRequestAsync(_ => _fake.Requests.Count(r => r.Method == "PATCH") >= count, Ct);
        return _fake.Requests.Where(r => r.Method == "PATCH").ToList();
    }

    private JsonObject ImportInteraction(string fileName, long size)
    {
        const string attachmentId = "6666";
        return Interactions.SlashCommand(
            "import",
            new JsonArray(new JsonObject { ["name"] = "file", ["type"] = 11, ["value"] = attachmentId }),
            new JsonObject
            {
                ["attachments"] = new JsonObject
                {
                    [attachmentId] = new JsonObject
                    {
                        ["id"] = attachmentId, ["filename"] = fileName, ["size"] = size,
                        ["url"] = _fake.AttachmentUrl(fileName).ToString(), ["content_type"] = "application/zip",
                    },
                },
            });
    }

    /// <summary>
    /// Stands in for the stats issue's /top handler: a PNG reply naming what it was asked. <see cref="SlowPeriod"/> takes
    /// longer than an interaction token lives (the fake clock moves 16 minutes); <see cref="SlowPrivatePeriod"/> also
    /// answers privately; <see cref="TenMinutePeriod"/> leaves the token 5 of its 15 minutes.
    /// </summary>
    private sealed class ChartTopHandler(TimeProvider time) : ICommandHandler<TopCommand>
    {
        public const string FailingPeriod = "1999";
        public const string SlowPeriod = "2001";
        public const string SlowPrivatePeriod = "2002";
        public const string TenMinutePeriod = "2010";

        public Task<BotReply> HandleAsync(TopCommand command, CommandContext context, CancellationToken cancellationToken)
        {
            if (command.Period == FailingPeriod)
            {
                throw new UserFacingException("No plays in that period yet.");
            }

            if (command.Period is SlowPeriod or SlowPrivatePeriod or TenMinutePeriod)
            {
                ((Microsoft.Extensions.Time.Testing.FakeTimeProvider)time).Advance(TimeSpan.FromMinutes(command.Period == TenMinutePeriod ? 10 : 16));
            }

            return Task.FromResult(new BotReply($"{command.Period} {command.Kind} for {context.CallerName}")
            {
                Title = "Top", Png = Png, PngFileName = "top.png", Private = command.Period == SlowPrivatePeriod,
            });
        }
    }

    /// <summary>Stands in for the import issue's handler: reports progress and reads the file the adapter saved.</summary>
    private sealed class ByteCountingImportHandler : ICommandHandler<ImportCommand>
    {
        public static string? LastPath { get; private set; }

        public async Task<BotReply> HandleAsync(ImportCommand command, CommandContext context, CancellationToken cancellationToken)
        {
            LastPath = command.File!.Path;
            var bytes = await File.ReadAllBytesAsync(command.File.Path, cancellationToken);
            context.Progress?.Report(new CommandProgress("Importing", 0.5));
            return new BotReply($"{command.File.FileName}: {bytes.Length} bytes") { Private = true };
        }
    }
}
