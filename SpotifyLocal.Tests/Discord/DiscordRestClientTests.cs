using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Discord;
using SpotifyLocal.Bot.Discord.Dtos;
using SpotifyLocal.Bot.Discord.Rest;
using SpotifyLocal.Tests.Fakes;
using Xunit;

namespace SpotifyLocal.Tests.Discord;

public sealed class DiscordRestClientTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_429_with_retry_after_is_waited_out_then_the_edit_succeeds()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);
        host.Fake.RateLimitNext("PATCH", "/api/v10/webhooks/", 1.5);

        var edit = host.Rest.EditOriginalResponseAsync(
            webhook, new MessagePayloadDto("done"), null, Ct);
        var wait = await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct);
        var attemptsWhileWaiting = host.Fake.Requests.Count(r => r.Method == "PATCH");
        var completedWhileWaiting = edit.IsCompleted;
        host.Time.Advance(wait);
        var message = await edit.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(TimeSpan.FromSeconds(1.5), wait);
        Assert.Equal(1, attemptsWhileWaiting);
        Assert.False(completedWhileWaiting);
        Assert.Equal(2, host.Fake.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal("done", message.Content);
    }

    [Fact]
    public async Task A_global_429_holds_back_other_bot_routes_but_not_interaction_webhooks()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);
        host.Fake.RateLimitNext("POST", "/api/v10/channels/", 2, global: true);

        var post = host.Rest.CreateChannelMessageAsync("42", new MessagePayloadDto("weekly"), null, Ct);
        var wait = await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct);
        // Interaction endpoints are not bound to the global limit (developers/topics/rate-limits.mdx, "Global Rate Limit").
        await host.Rest.CreateFollowupMessageAsync(
            webhook, new MessagePayloadDto("more"), null, Ct).WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var commands = host.Rest.OverwriteCommandsAsync(FakeDiscordServer.ApplicationId, null, DiscordCommandDefinitions.All, Ct);
        await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct);
        var putsWhileGlobal = host.Fake.Requests.Count(r => r.Method == "PUT");
        host.Time.Advance(wait);
        await Task.WhenAll(post, commands).WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(0, putsWhileGlobal);
        Assert.Single(host.Fake.Requests, r => r.Method == "PUT");
        Assert.Single(host.Fake.Requests, r => r.Path.StartsWith("/api/v10/webhooks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Past_50_requests_in_a_second_the_bot_is_globally_limited_but_an_interaction_callback_still_goes_through()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok");
        // One post per channel, so no route bucket runs dry before the bot-wide limit does.
        for (var i = 0; i < FakeDiscordServer.GlobalRequestsPerSecond; i++)
        {
            await host.Rest.CreateChannelMessageAsync($"{1000 + i}", new MessagePayloadDto("weekly"), null, Ct);
        }

        var overTheLimit = host.Rest.CreateChannelMessageAsync("2000", new MessagePayloadDto("weekly"), null, Ct);
        var wait = await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct);
        await host.Rest.RespondAsync(
            webhook, new InteractionResponseDto(InteractionCallbackType.DeferredChannelMessageWithSource), Ct)
            .WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var postedWhileLimited = host.Fake.CreatedChannelMessages.Count;
        host.Time.Advance(wait);
        await overTheLimit.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(TimeSpan.FromSeconds(1), wait);
        Assert.Equal(FakeDiscordServer.GlobalRequestsPerSecond, postedWhileLimited);
        Assert.True(host.Fake.MessagesOf("tok")[0].Thinking);
        Assert.Equal(FakeDiscordServer.GlobalRequestsPerSecond + 1, host.Fake.CreatedChannelMessages.Count);
        Assert.Equal("global", Assert.Single(host.Fake.RateLimited).Scope);
    }

    [Fact]
    public async Task A_shared_429_is_waited_out_for_that_channel_only_and_logged_as_Discords_resource_limit_not_the_bots()
    {
        var logs = new SpotifyLocal.Tests.Telegram.CollectingLoggerProvider();
        await using var host = await DiscordTestHost.StartAsync(logs: logs);
        host.Fake.RateLimitNext("POST", "/api/v10/channels/42/", 30.5, shared: true);

        var post = host.Rest.CreateChannelMessageAsync("42", new MessagePayloadDto("weekly"), null, Ct);
        var wait = await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct);
        await host.Rest.CreateChannelMessageAsync("43", new MessagePayloadDto("weekly"), null, Ct).WaitAsync(TimeSpan.FromSeconds(15), Ct);
        var postedWhileWaiting = host.Fake.ChannelMessages.Select(m => m.ChannelId).ToList();
        host.Time.Advance(wait);
        await post.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(TimeSpan.FromSeconds(30.5), wait);
        Assert.Equal(["43"], postedWhileWaiting);
        Assert.Equal(2, host.Fake.CreatedChannelMessages.Count);
        // rate-limits.mdx, "Invalid Request Limit": shared-scope 429s "are not counted against you"; only the bot's own are a warning.
        Assert.Contains(logs.Lines, line => line.StartsWith("Information", StringComparison.Ordinal) && line.Contains("shared", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bots_own_429_is_a_warning_because_honouring_the_headers_should_have_avoided_it()
    {
        var logs = new SpotifyLocal.Tests.Telegram.CollectingLoggerProvider();
        await using var host = await DiscordTestHost.StartAsync(logs: logs);
        host.Fake.RateLimitNext("POST", "/api/v10/channels/42/", 2);

        var post = host.Rest.CreateChannelMessageAsync("42", new MessagePayloadDto("weekly"), null, Ct);
        host.Time.Advance(await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct));
        await post.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Contains(logs.Lines, line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("user", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_5xx_on_an_edit_is_retried_after_a_backoff_and_the_edit_lands()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);
        host.Fake.FailNext("PATCH", "/api/v10/webhooks/", 502);

        var edit = host.Rest.EditOriginalResponseAsync(webhook, new MessagePayloadDto("done"), null, Ct);
        var backoff = await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct);
        var attemptsWhileWaiting = host.Fake.Requests.Count(r => r.Method == "PATCH");
        host.Time.Advance(backoff);
        await edit.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.InRange(backoff, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(1.2));
        Assert.Equal(1, attemptsWhileWaiting);
        Assert.Equal("done", host.Fake.MessagesOf("tok")[0].Content);
    }

    [Fact]
    public async Task A_lost_connection_on_gateway_bot_is_retried()
    {
        await using var host = await DiscordTestHost.StartAsync();
        host.Fake.FailNext("GET", "/api/v10/gateway/bot", FakeDiscordServer.DropConnection);

        var gateway = host.Rest.GetGatewayBotAsync(Ct);
        var backoff = await host.Time.NextTimerAsync(due => due > TimeSpan.Zero, Ct);
        host.Time.Advance(backoff);
        var answer = await gateway.WaitAsync(TimeSpan.FromSeconds(15), Ct);

        Assert.Equal(2, host.Fake.Requests.Count(r => r.Path == "/api/v10/gateway/bot"));
        Assert.StartsWith("ws://", answer.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_5xx_on_a_followup_is_not_sent_again_because_it_might_have_been_posted()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);
        host.Fake.FailNext("POST", "/api/v10/webhooks/", 500);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.CreateFollowupMessageAsync(
            webhook, new MessagePayloadDto("once"), null, Ct));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Single(host.Fake.Requests, r => r.Method == "POST");
    }

    [Fact]
    public async Task A_429_on_an_interaction_webhook_longer_than_the_token_lives_fails_at_once_instead_of_waiting()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);
        host.Fake.RateLimitNext("PATCH", "/api/v10/webhooks/", 3600, shared: true);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.EditOriginalResponseAsync(
            webhook, new MessagePayloadDto("late"), null, Ct).WaitAsync(TimeSpan.FromSeconds(15), Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Single(host.Fake.Requests, r => r.Method == "PATCH");
    }

    [Fact]
    public async Task Editing_the_original_response_with_a_file_sends_payload_json_and_the_file_bytes()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var payload = new MessagePayloadDto(
            Embeds: [new EmbedDto(Title: "Top artists", Image: new EmbedImageDto("attachment://top.png"))]);

        var webhook = host.NewInteraction("tok-1", acknowledged: true);
        await host.Rest.EditOriginalResponseAsync(
            webhook, payload, [new DiscordFile("top.png", Png)], Ct);

        var request = host.Fake.Requests.Single(r => r.Method == "PATCH");
        Assert.Equal($"/api/v10/webhooks/{FakeDiscordServer.ApplicationId}/tok-1/messages/@original", request.Path);
        Assert.True(request.IsMultipart);
        var file = Assert.Single(request.Files);
        Assert.Equal("files[0]", file.PartName);
        Assert.Equal("top.png", file.FileName);
        Assert.Equal("image/png", file.ContentType);
        Assert.Equal(Png, file.Content);
        var attachment = Assert.Single(request.Json.GetProperty("attachments").EnumerateArray());
        Assert.Equal(0, attachment.GetProperty("id").GetInt32());
        Assert.Equal("top.png", attachment.GetProperty("filename").GetString());
        Assert.Equal("attachment://top.png",
            request.Json.GetProperty("embeds")[0].GetProperty("image").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_reply_past_every_message_limit_is_cut_to_fit_and_Discord_accepts_it()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);
        var reply = new SpotifyLocal.Bot.Commands.BotReply(new string('d', 5000))
        {
            Title = new string('t', 300),
            Buttons =
            [
                SpotifyLocal.Bot.Commands.ReplyButton.Command(new string('l', 90), "/top week"),
                SpotifyLocal.Bot.Commands.ReplyButton.Command("Again", "/top week"),
                SpotifyLocal.Bot.Commands.ReplyButton.Command("Too long", "/top " + new string('x', 100)),
                SpotifyLocal.Bot.Commands.ReplyButton.Command("Month", "/top month"),
            ],
        };
        var (payload, files) = DiscordReplyRenderer.Render(reply);

        await host.Rest.EditOriginalResponseAsync(webhook, payload, files, Ct);

        var edit = host.Fake.Requests.Single(r => r.Method == "PATCH").Json;
        var embed = edit.GetProperty("embeds")[0];
        Assert.Equal(256, embed.GetProperty("title").GetString()!.Length);
        Assert.Equal(4096, embed.GetProperty("description").GetString()!.Length);
        var buttons = edit.GetProperty("components")[0].GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["/top week", "/top month"], buttons.Select(b => b.GetProperty("custom_id").GetString()));
        Assert.Equal(80, buttons[0].GetProperty("label").GetString()!.Length);
    }

    [Fact]
    public async Task A_deferred_ephemeral_callback_is_type_5_with_flag_64_and_no_nulls()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok-2");

        await host.Rest.RespondAsync(webhook, new InteractionResponseDto(
            InteractionCallbackType.DeferredChannelMessageWithSource, new MessagePayloadDto(Flags: MessageFlags.Ephemeral)), Ct);

        var request = host.Fake.Requests.Single(r => r.Path == $"/api/v10/interactions/{webhook.InteractionId}/tok-2/callback");
        Assert.Equal("""{"type":5,"data":{"flags":64}}""", request.Body);
        Assert.StartsWith("application/json", request.ContentType);
    }

    [Fact]
    public async Task A_second_acknowledge_is_refused_with_40060_and_one_after_three_seconds_with_10062()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var once = host.NewInteraction("tok-once");
        var late = host.NewInteraction("tok-late");
        var defer = new InteractionResponseDto(InteractionCallbackType.DeferredChannelMessageWithSource, null);

        await host.Rest.RespondAsync(once, defer, Ct);
        var again = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.RespondAsync(once, defer, Ct));
        host.Time.Advance(TimeSpan.FromSeconds(3.5));
        var tooLate = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.RespondAsync(late, defer, Ct));

        Assert.Equal(40060, again.ErrorCode);
        Assert.Equal(10062, tooLate.ErrorCode);
    }

    [Fact]
    public async Task Followups_need_a_callback_and_a_token_younger_than_15_minutes()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var unansweredWebhook = host.NewInteraction("tok-unanswered");
        var oldId = host.Fake.RegisterInteraction("tok-old", acknowledged: true);

        var unanswered = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.CreateFollowupMessageAsync(
            unansweredWebhook, new MessagePayloadDto("hi"), null, Ct));
        host.Time.Advance(TimeSpan.FromMinutes(15.5));
        // Received only now: a client would take the old id for its own clock being ahead, and believe the token alive.
        var seenLate = InteractionWebhook.For(
            new InteractionDto(oldId, FakeDiscordServer.ApplicationId, InteractionType.ApplicationCommand, "tok-old"), host.Time.GetUtcNow());
        var expired = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.EditOriginalResponseAsync(
            seenLate, new MessagePayloadDto("late"), null, Ct));

        Assert.Equal(10015, unanswered.ErrorCode);
        Assert.Equal(50027, expired.ErrorCode);
        Assert.True(expired.InteractionTokenUnusable);
    }

    [Fact]
    public async Task An_edit_on_a_token_past_its_15_minutes_is_not_sent_and_the_token_is_reported_unusable()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok-old", acknowledged: true);

        host.Time.Advance(InteractionWebhook.TokenLifetime);
        var error = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.EditOriginalResponseAsync(
            webhook, new MessagePayloadDto("late"), null, Ct));

        Assert.True(error.InteractionTokenUnusable);
        Assert.Null(error.Status);
        Assert.Equal(0, error.Attempts);
        Assert.Empty(host.Fake.Requests);
    }

    [Fact]
    public async Task After_a_429_that_outlasts_the_token_the_next_edit_of_that_interaction_is_not_sent_either()
    {
        // A progress edit meets the 429, then the final answer comes: the limiter's wait would outlast the token too.
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);
        host.Fake.RateLimitNext("PATCH", "/api/v10/webhooks/", 360, shared: true);
        host.Time.Advance(TimeSpan.FromMinutes(10));

        var progress = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.EditOriginalResponseAsync(
            webhook, new MessagePayloadDto("Importing…"), null, Ct));
        var final = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.EditOriginalResponseAsync(
            webhook, new MessagePayloadDto("done"), null, Ct));

        Assert.Equal(HttpStatusCode.TooManyRequests, progress.Status);
        Assert.True(progress.InteractionTokenUnusable);
        Assert.True(final.InteractionTokenUnusable);
        Assert.Equal(0, final.Attempts);
        Assert.Single(host.Fake.Requests, r => r.Method == "PATCH");
        Assert.DoesNotContain(host.Time.TimersCreated, due => due >= TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_followup_right_after_a_public_deferral_edits_the_deferred_message_and_stays_public()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok-deferred");

        await host.Rest.RespondAsync(
            webhook, new InteractionResponseDto(InteractionCallbackType.DeferredChannelMessageWithSource, null), Ct);
        var followup = await host.Rest.CreateFollowupMessageAsync(
            webhook, new MessagePayloadDto("only for you?", Flags: MessageFlags.Ephemeral), null, Ct);

        Assert.Equal([new FakeDiscordMessage("only for you?", null, Ephemeral: false, Thinking: false)], host.Fake.MessagesOf("tok-deferred"));
        Assert.Equal("only for you?", followup.Content);
    }

    [Fact]
    public async Task Commands_go_to_the_dev_guild_when_one_is_given_and_carry_typed_options()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var registered = await host.Rest.OverwriteCommandsAsync(
            FakeDiscordServer.ApplicationId, "123", DiscordCommandDefinitions.All, Ct);

        var request = host.Fake.Requests.Single(r => r.Method == "PUT");
        Assert.Equal($"/api/v10/applications/{FakeDiscordServer.ApplicationId}/guilds/123/commands", request.Path);
        var names = request.Json.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.Equal(["link", "unlink", "web", "forget", "top", "stats", "streaks", "discoveries", "skips", "compare", "recap", "podcasts", "recent", "import", "timezone", "weekly", "visibility", "server", "help"], names);
        var top = request.Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "top");
        var period = top.GetProperty("options").EnumerateArray().Single(o => o.GetProperty("name").GetString() == "period");
        Assert.Equal(3, period.GetProperty("type").GetInt32());
        Assert.Contains("month", period.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        var import = request.Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "import");
        Assert.Equal(11, import.GetProperty("options")[0].GetProperty("type").GetInt32());
        Assert.All(request.Json.EnumerateArray(), c =>
        {
            Assert.False(c.TryGetProperty("contexts", out _));
            Assert.False(c.TryGetProperty("integration_types", out _));
        });
        Assert.Equal(19, registered.Count);
    }

    [Fact]
    public async Task Global_commands_use_the_application_route_and_say_where_they_can_be_used()
    {
        await using var host = await DiscordTestHost.StartAsync();

        await host.Rest.OverwriteCommandsAsync(FakeDiscordServer.ApplicationId, null, DiscordCommandDefinitions.All, Ct);

        var request = Assert.Single(host.Fake.Requests, r => r.Method == "PUT"
            && r.Path == $"/api/v10/applications/{FakeDiscordServer.ApplicationId}/commands");
        var top = request.Json.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "top");
        Assert.Equal([0, 1], top.GetProperty("contexts").EnumerateArray().Select(c => c.GetInt32()));
        Assert.Equal([0], top.GetProperty("integration_types").EnumerateArray().Select(c => c.GetInt32()));
    }

    [Fact]
    public async Task A_50035_keeps_Discords_errors_detail_in_the_exception_message()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var webhook = host.NewInteraction("tok", acknowledged: true);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.EditOriginalResponseAsync(
            webhook, new MessagePayloadDto(new string('x', 2001)), null, Ct));

        Assert.Equal(50035, error.ErrorCode);
        Assert.Contains("BASE_TYPE_MAX_LENGTH", error.Message, StringComparison.Ordinal);
        Assert.Contains("content", error.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attachment_within_the_cap_downloads_without_sending_the_bot_token()
    {
        await using var host = await DiscordTestHost.StartAsync();
        var content = Enumerable.Range(0, 300_000).Select(i => (byte)i).ToArray();
        host.Fake.AddAttachment("export.zip", content);
        using var destination = new MemoryStream();

        var written = await host.Rest.DownloadAttachmentAsync(host.Fake.AttachmentUrl("export.zip"), destination, 1_000_000, Ct);

        Assert.Equal(content.Length, written);
        Assert.Equal(content, destination.ToArray());
        Assert.Null(host.Fake.Requests.Single(r => r.Path == "/attachments/export.zip").Authorization);
    }

    [Fact]
    public async Task An_attachment_over_the_cap_is_refused()
    {
        await using var host = await DiscordTestHost.StartAsync();
        host.Fake.AddAttachment("big.zip", new byte[2048]);
        using var destination = new MemoryStream();

        var error = await Assert.ThrowsAsync<DiscordAttachmentTooLargeException>(() =>
            host.Rest.DownloadAttachmentAsync(host.Fake.AttachmentUrl("big.zip"), destination, 1024, Ct));

        Assert.Equal(1024, error.LimitBytes);
        Assert.Equal(0, destination.Length);
    }

    [Fact]
    public async Task A_rejected_token_becomes_a_typed_api_error_without_the_token_in_it()
    {
        await using var host = await DiscordTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Discord:BotToken"] = "wrong-token",
        });

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.GetGatewayBotAsync(Ct));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Equal("GET /gateway/bot", error.Route);
        Assert.DoesNotContain("wrong-token", error.Message);
    }

    [Fact]
    public async Task The_webhook_route_in_errors_never_contains_the_interaction_token()
    {
        await using var host = await DiscordTestHost.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => host.Rest.EditOriginalResponseAsync(
            new InteractionWebhook(
                "1", FakeDiscordServer.ApplicationId, "secret-interaction-token/extra", host.Time.GetUtcNow() + InteractionWebhook.TokenLifetime),
            new MessagePayloadDto("x"), null, Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.Status);
        Assert.DoesNotContain("secret-interaction-token", error.Message);
    }
}
