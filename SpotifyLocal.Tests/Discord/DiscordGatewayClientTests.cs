using Xunit;
using System.Text.Json.Nodes;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Bot.Discord.Gateway;
using SpotifyLocal.Tests.Fakes;

namespace SpotifyLocal.Tests.Discord;

public sealed class DiscordGatewayClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Identifies_with_intents_zero_on_the_url_from_gateway_bot_and_reports_READY()
    {
        await using var host = await DiscordTestHost.StartAsync();
        _ = host.StartGateway();

        var connection = await host.Fake.NextConnectionAsync(Ct);
        await connection.SendHelloAsync(41250);
        var identify = (await connection.ReceiveAsync(2, Ct)).GetProperty("d");
        await connection.SendReadyAsync("session-abc");
        var ready = await host.Readies.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct);

        var gatewayBot = host.Fake.Requests.Single(r => r.Path == "/api/v10/gateway/bot");
        Assert.Equal($"Bot {FakeDiscordServer.BotToken}", gatewayBot.Authorization);
        Assert.StartsWith("DiscordBot (", gatewayBot.UserAgent);
        Assert.Equal("/gateway", connection.Path);
        Assert.Equal("?v=10&encoding=json", connection.Query);
        Assert.Equal(FakeDiscordServer.BotToken, identify.GetProperty("token").GetString());
        Assert.Equal(0, identify.GetProperty("intents").GetInt32());
        Assert.True(identify.GetProperty("properties").TryGetProperty("os", out _));
        Assert.Equal("session-abc", ready.SessionId);
        Assert.Equal(FakeDiscordServer.ApplicationId, ready.Application?.Id);
        Assert.Null(connection.ServerCloseCode);
    }

    [Fact]
    public async Task When_gateway_bot_fails_at_start_it_asks_again_after_a_backoff_and_connects()
    {
        await using var host = await DiscordTestHost.StartAsync();
        host.Fake.FailNext("GET", "/api/v10/gateway/bot", 503);
        var run = host.StartGateway();

        var backoff = await host.Time.NextTimerAsync(d => d > TimeSpan.Zero, Ct);
        host.Time.Advance(backoff);
        var connection = await host.Fake.NextConnectionAsync(Ct);

        Assert.False(run.IsCompleted);
        Assert.Equal(2, host.Fake.Requests.Count(r => r.Path == "/api/v10/gateway/bot"));
        Assert.Equal("/gateway", connection.Path);
    }

    [Fact]
    public async Task An_INTERACTION_CREATE_dispatch_reaches_the_interaction_handler_with_options_and_attachment()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var connection = await host.StartReadySessionAsync("s1", Ct);

        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand(
            "top", new JsonArray(Interactions.Option("period", 3, "month"), Interactions.Option("type", 3, "artists"))));
        var interaction = await NextInteractionAsync(host);

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("top", interaction.Data?.Name);
        Assert.Equal(["month", "artists"], interaction.Data!.Options!.Select(o => o.Text));
        Assert.Equal(Interactions.MemberUserId, interaction.Invoker?.Id);
        Assert.Equal(Interactions.GuildId, interaction.GuildId);
        Assert.Equal(10_485_760, interaction.AttachmentSizeLimit);
        Assert.DoesNotContain(interaction.Token, interaction.ToString());
    }

    [Fact]
    public async Task After_a_dropped_socket_it_resumes_with_the_session_id_and_last_sequence_and_serves_the_next_interaction()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var first = await host.StartReadySessionAsync("session-to-resume", Ct);
        await first.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand("help"));
        await NextInteractionAsync(host);
        var lastSequence = host.Fake.LastSequence;

        first.Drop();
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var resume = (await second.ReceiveAsync(6, Ct)).GetProperty("d");
        await second.SendDispatchAsync("RESUMED", new JsonObject());
        await second.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand("recent"));
        var served = await NextInteractionAsync(host);

        Assert.Equal("/resume-gateway", second.Path);
        Assert.Equal("session-to-resume", resume.GetProperty("session_id").GetString());
        Assert.Equal(lastSequence, resume.GetProperty("seq").GetInt32());
        Assert.Equal(FakeDiscordServer.BotToken, resume.GetProperty("token").GetString());
        Assert.Equal("recent", served.Data?.Name);
        Assert.Equal(2, host.Fake.ConnectionCount);
        Assert.Null(second.ServerCloseCode);
    }

    [Fact]
    public async Task A_missing_heartbeat_ACK_drops_the_zombie_connection_and_resumes()
    {
        await using var host = await DiscordTestHost.StartAsync();
        _ = host.StartGateway();
        var first = await host.Fake.NextConnectionAsync(Ct);
        first.AckHeartbeats = false;
        await first.SendHelloAsync(1000);
        await first.ReceiveAsync(2, Ct);
        await first.SendReadyAsync("zombie-session");
        await host.Readies.Reader.ReadAsync(Ct);

        host.Time.Advance(TimeSpan.FromMilliseconds(1000)); // past the jittered first beat
        var beat = (await first.ReceiveAsync(1, Ct)).GetProperty("d");
        host.Time.Advance(TimeSpan.FromMilliseconds(1000)); // the next beat finds no ACK
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var resume = (await second.ReceiveAsync(6, Ct)).GetProperty("d");

        Assert.Equal(host.Fake.LastSequence, beat.GetInt32());
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        Assert.Equal("/resume-gateway", second.Path);
        Assert.Equal("zombie-session", resume.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task The_client_heartbeats_within_every_interval_so_the_gateway_never_times_it_out()
    {
        await using var host = await DiscordTestHost.StartAsync();
        // Shorter than the fake's grace, so the client's beat and the fake's deadline never fall due on one Advance.
        var connection = await host.StartReadySessionAsync("s-beating", Ct, heartbeatIntervalMs: 800);

        var beats = 0;
        for (var interval = 0; interval < 5; interval++)
        {
            host.Time.Advance(TimeSpan.FromMilliseconds(800));
            await connection.ReceiveAsync(1, Ct).WaitAsync(TimeSpan.FromSeconds(15), Ct);
            beats++;
            // The fake ACKs a beat before the test sees it; an interaction sent now arrives after that ACK, so once it
            // is served the client has the ACK and the next Advance cannot find it missing (no zombie drop).
            await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand("help"));
            await NextInteractionAsync(host);
        }

        Assert.Equal(5, beats);
        Assert.Null(connection.ServerCloseCode);
        Assert.False(connection.Ended.IsCompleted);
        Assert.Equal(1, host.Fake.ConnectionCount);
    }

    [Fact]
    public async Task The_fake_gateway_closes_a_connection_that_sends_no_heartbeat_within_the_interval_with_4009()
    {
        await using var host = await DiscordTestHost.StartAsync();
        using var silent = new System.Net.WebSockets.ClientWebSocket();
        await silent.ConnectAsync(new Uri(host.Fake.GatewayUrl, "?v=10&encoding=json"), Ct);
        var connection = await host.Fake.NextConnectionAsync(Ct);
        await connection.SendHelloAsync(1000);

        host.Time.Advance(TimeSpan.FromMilliseconds(1000));
        var stillOpen = connection.ServerCloseCode is null;
        host.Time.Advance(FakeDiscordGatewayConnection.HeartbeatGrace);
        var buffer = new byte[4096];
        System.Net.WebSockets.WebSocketReceiveResult received;
        do
        {
            received = await silent.ReceiveAsync(buffer, Ct).WaitAsync(TimeSpan.FromSeconds(15), Ct);
        }
        while (received.MessageType != System.Net.WebSockets.WebSocketMessageType.Close);

        Assert.True(stillOpen);
        Assert.Equal(4009, (int?)silent.CloseStatus);
        Assert.Equal(4009, connection.ServerCloseCode);
    }

    [Fact]
    public async Task Op_7_Reconnect_closes_with_a_resumable_code_and_resumes()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var first = await host.StartReadySessionAsync("s-reconnect", Ct);

        await first.SendOpAsync(7, null);
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var resume = (await second.ReceiveAsync(6, Ct)).GetProperty("d");
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal("s-reconnect", resume.GetProperty("session_id").GetString());
        Assert.DoesNotContain(host.Fake.ClientCloseCodes, code => code is 1000 or 1001);
    }

    [Fact]
    public async Task Op_9_with_d_false_waits_one_to_five_seconds_then_identifies_anew()
    {
        await using var host = await DiscordTestHost.StartAsync();
        // A short heartbeat keeps the jittered first-beat timer below 1 s, apart from the 1–5 s identify wait.
        var first = await host.StartReadySessionAsync("s-invalid", Ct, heartbeatIntervalMs: 500);

        await first.SendOpAsync(9, JsonValue.Create(false));
        var wait = await host.Time.NextTimerAsync(
            due => due >= TimeSpan.FromSeconds(1) && due <= TimeSpan.FromSeconds(5), Ct);
        var connectionsWhileWaiting = host.Fake.ConnectionCount;
        host.Time.Advance(wait);
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var identify = (await second.ReceiveAsync(2, Ct)).GetProperty("d");

        Assert.Equal(1, connectionsWhileWaiting);
        Assert.Equal("/gateway", second.Path);
        Assert.Equal(0, identify.GetProperty("intents").GetInt32());
    }

    [Fact]
    public async Task A_resume_of_a_session_the_gateway_forgot_is_refused_and_it_identifies_anew_on_the_gateway_url()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var first = await host.StartReadySessionAsync("s-forgotten", Ct, heartbeatIntervalMs: 500);

        host.Fake.ForgetSessions();
        first.Drop();
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(500);
        var resume = (await second.ReceiveAsync(6, Ct)).GetProperty("d");
        // The 1–5 s wait Discord asks for after op 9, plus the backoff of one connection that never got going (0.8–1.2 s).
        var wait = await host.Time.NextTimerAsync(due => due >= TimeSpan.FromSeconds(1.8) && due <= TimeSpan.FromSeconds(6.2), Ct);
        host.Time.Advance(wait);
        var third = await host.Fake.NextConnectionAsync(Ct);
        await third.SendHelloAsync(41250);
        var identify = (await third.ReceiveAsync(2, Ct)).GetProperty("d");

        Assert.Equal("s-forgotten", resume.GetProperty("session_id").GetString());
        Assert.Equal("/gateway", third.Path);
        Assert.Equal(FakeDiscordServer.BotToken, identify.GetProperty("token").GetString());
    }

    [Fact]
    public async Task Close_code_4004_stops_the_gateway_naming_the_bot_token_setting_without_reconnecting()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var run = host.StartGateway();
        var connection = await host.Fake.NextConnectionAsync(Ct);
        await connection.SendHelloAsync(41250);
        await connection.ReceiveAsync(2, Ct);

        await connection.CloseAsync(4004, "Authentication failed.");
        var error = await Assert.ThrowsAsync<DiscordGatewayFatalException>(() => run.WaitAsync(TimeSpan.FromSeconds(15), Ct));

        Assert.Equal(4004, error.CloseCode);
        Assert.Contains("Discord:BotToken", error.Message);
        Assert.Equal(1, host.Fake.ConnectionCount);
    }

    [Fact]
    public async Task An_interaction_it_cannot_read_is_skipped_and_the_next_one_is_served_on_the_same_connection()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var connection = await host.StartReadySessionAsync("s-bad-payload", Ct);
        var unreadable = Interactions.SlashCommand("top");
        unreadable["id"] = new JsonObject { ["not"] = "a snowflake" };

        await connection.SendDispatchAsync("INTERACTION_CREATE", unreadable);
        await connection.SendDispatchAsync("INTERACTION_CREATE", Interactions.SlashCommand("recent"));
        var served = await NextInteractionAsync(host);

        Assert.Equal("recent", served.Data?.Name);
        Assert.Equal(1, host.Fake.ConnectionCount);
    }

    [Fact]
    public async Task A_READY_it_cannot_read_does_not_stop_the_gateway_it_reconnects_and_identifies_again()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var run = host.StartGateway();
        var first = await host.Fake.NextConnectionAsync(Ct);
        // A short heartbeat keeps its timers at or below 0.5 s, apart from the reconnect wait.
        await first.SendHelloAsync(500);
        await first.ReceiveAsync(2, Ct);

        await first.SendDispatchAsync("READY", new JsonObject { ["v"] = 10, ["session_id"] = 42 });
        var backoff = await host.Time.NextTimerAsync(d => d > TimeSpan.FromSeconds(0.5) && d < DiscordGatewayClient.HelloTimeout, Ct);
        host.Time.Advance(backoff);
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var identify = (await second.ReceiveAsync(2, Ct)).GetProperty("d");

        Assert.False(run.IsCompleted);
        Assert.Equal("/gateway", second.Path);
        Assert.Equal(FakeDiscordServer.BotToken, identify.GetProperty("token").GetString());
    }

    [Fact]
    public async Task Shutting_down_sends_a_1000_close_frame_before_the_socket_goes()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var connection = await host.StartReadySessionAsync("s-shutdown", Ct);

        await host.StopGatewayAsync();
        await connection.Ended.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal([1000], host.Fake.ClientCloseCodes);
    }

    [Fact]
    public async Task A_connection_that_never_says_Hello_is_dropped_after_the_hello_timeout_and_tried_again()
    {
        await using var host = await DiscordTestHost.StartAsync();
        _ = host.StartGateway();
        var silent = await host.Fake.NextConnectionAsync(Ct);

        await host.Time.NextTimerAsync(d => d == DiscordGatewayClient.HelloTimeout, Ct);
        host.Time.Advance(DiscordGatewayClient.HelloTimeout);
        await silent.Ended.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var backoff = await host.Time.NextTimerAsync(d => d > TimeSpan.Zero && d < DiscordGatewayClient.HelloTimeout, Ct);
        host.Time.Advance(backoff);
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var identify = await second.ReceiveAsync(2, Ct);

        Assert.Equal("/gateway", second.Path);
        Assert.Equal(FakeDiscordServer.BotToken, identify.GetProperty("d").GetProperty("token").GetString());
    }

    [Fact]
    public async Task An_Identify_that_gets_no_READY_is_dropped_after_the_ready_timeout_and_identified_again()
    {
        await using var host = await DiscordTestHost.StartAsync();
        _ = host.StartGateway();
        var first = await host.Fake.NextConnectionAsync(Ct);
        await first.SendHelloAsync(500);
        await first.ReceiveAsync(2, Ct);

        await host.Time.NextTimerAsync(d => d == DiscordGatewayClient.ReadyTimeout, Ct);
        host.Time.Advance(DiscordGatewayClient.ReadyTimeout);
        await first.Ended.WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var backoff = await host.Time.NextTimerAsync(d => d > TimeSpan.FromSeconds(0.5) && d < DiscordGatewayClient.HelloTimeout, Ct);
        host.Time.Advance(backoff);
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        await second.ReceiveAsync(2, Ct);

        Assert.Equal("/gateway", second.Path);
        Assert.Equal(2, host.Fake.ConnectionCount);
    }

    [Fact]
    public async Task When_resuming_keeps_failing_it_gives_the_session_up_and_identifies_on_the_gateway_url()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var first = await host.StartReadySessionAsync("s-unresumable", Ct, heartbeatIntervalMs: 500);

        first.Drop();
        var paths = new List<string>();
        for (var attempt = 0; attempt < DiscordGatewayClient.MaxResumeAttempts; attempt++)
        {
            var resumeAttempt = await host.Fake.NextConnectionAsync(Ct);
            paths.Add(resumeAttempt.Path);
            resumeAttempt.Drop();
            var backoff = await host.Time.NextTimerAsync(d => d > TimeSpan.FromSeconds(0.5) && d < DiscordGatewayClient.HelloTimeout, Ct);
            host.Time.Advance(backoff);
        }

        var fresh = await host.Fake.NextConnectionAsync(Ct);
        await fresh.SendHelloAsync(41250);
        var identify = await fresh.ReceiveAsync(2, Ct);

        Assert.All(paths, path => Assert.Equal("/resume-gateway", path));
        Assert.Equal("/gateway", fresh.Path);
        Assert.Equal(0, identify.GetProperty("d").GetProperty("intents").GetInt32());
    }

    [Fact]
    public async Task With_no_session_starts_left_it_waits_for_the_reset_before_identifying()
    {
        await using var host = await DiscordTestHost.StartAsync();
        host.Fake.SessionStartLimit(remaining: 0, resetAfterMs: 3_600_000);
        _ = host.StartGateway();

        var wait = await host.Time.NextTimerAsync(d => d > TimeSpan.Zero, Ct);
        var connectionsWhileWaiting = host.Fake.ConnectionCount;
        host.Fake.SessionStartLimit(remaining: 1000, resetAfterMs: 86_400_000);
        host.Time.Advance(wait);
        var connection = await host.Fake.NextConnectionAsync(Ct);

        Assert.Equal(TimeSpan.FromHours(1), wait);
        Assert.Equal(0, connectionsWhileWaiting);
        Assert.Equal("/gateway", connection.Path);
    }

    [Fact]
    public async Task A_new_session_right_after_an_identify_waits_for_the_five_second_identify_window()
    {
        // developers/events/gateway.mdx, "Session Start Limit Object": max_concurrency (1 here) identifies per 5 seconds;
        // without the window the wait would be the 1–5 s (under 5 s) a new session gets anyway.
        await using var host = await DiscordTestHost.StartAsync();
        var first = await host.StartReadySessionAsync("s-window", Ct, heartbeatIntervalMs: 500);

        await first.CloseAsync(4007, "Invalid seq.");
        var wait = await host.Time.NextTimerAsync(d => d > TimeSpan.FromSeconds(0.5) && d < DiscordGatewayClient.HelloTimeout, Ct);
        var connectionsWhileWaiting = host.Fake.ConnectionCount;
        host.Time.Advance(wait);
        var second = await host.Fake.NextConnectionAsync(Ct);

        Assert.Equal(DiscordGatewayClient.IdentifyWindow, wait);
        Assert.Equal(1, connectionsWhileWaiting);
        Assert.Equal("/gateway", second.Path);
    }

    [Fact]
    public async Task A_dispatch_over_16_KiB_that_arrives_in_many_frames_reaches_the_handler_whole()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var connection = await host.StartReadySessionAsync("s-big", Ct);
        var users = new JsonObject();
        for (var i = 0; i < 300; i++)
        {
            users[$"{100000 + i}"] = new JsonObject { ["id"] = $"{100000 + i}", ["username"] = $"member-{i}", ["global_name"] = new string('n', 40) };
        }

        var big = Interactions.SlashCommand("top", new JsonArray(Interactions.Option("period", 3, "week")), new JsonObject { ["users"] = users });
        Assert.True(big.ToJsonString().Length > 16 * 1024);
        await connection.SendDispatchAsync("INTERACTION_CREATE", big);
        var interaction = await NextInteractionAsync(host);

        Assert.Equal(300, interaction.Data!.Resolved!.Users!.Count);
        Assert.Equal("week", interaction.Data.Options![0].Text);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4003)]
    [InlineData(4005)]
    [InlineData(4008)]
    public async Task After_a_close_code_that_keeps_the_session_it_resumes(int closeCode)
    {
        await using var host = await DiscordTestHost.StartAsync();
        var first = await host.StartReadySessionAsync("s-close-" + closeCode, Ct);

        await first.CloseAsync(closeCode, "test");
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var resume = (await second.ReceiveAsync(6, Ct)).GetProperty("d");

        Assert.Equal("/resume-gateway", second.Path);
        Assert.Equal("s-close-" + closeCode, resume.GetProperty("session_id").GetString());
    }

    [Theory]
    [InlineData(4007)] // Invalid seq
    [InlineData(4009)] // Session timed out (what the fake sends a client that missed its heartbeat)
    public async Task After_a_close_code_that_ends_the_session_it_starts_a_new_session(int closeCode)
    {
        await using var host = await DiscordTestHost.StartAsync();
        var first = await host.StartReadySessionAsync("s-" + closeCode, Ct, heartbeatIntervalMs: 500);

        await first.CloseAsync(closeCode, "test");
        var wait = await host.Time.NextTimerAsync(d => d > TimeSpan.FromSeconds(0.5) && d < DiscordGatewayClient.HelloTimeout, Ct);
        host.Time.Advance(wait);
        var second = await host.Fake.NextConnectionAsync(Ct);
        await second.SendHelloAsync(41250);
        var identify = (await second.ReceiveAsync(2, Ct)).GetProperty("d");

        Assert.Equal("/gateway", second.Path);
        Assert.Equal(FakeDiscordServer.BotToken, identify.GetProperty("token").GetString());
    }

    private static Task<InteractionDto> NextInteractionAsync(DiscordTestHost host) =>
        host.Interactions.Reader.ReadAsync(Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(15), Ct);
}
