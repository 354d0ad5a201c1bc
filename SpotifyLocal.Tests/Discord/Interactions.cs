using System.Text.Json.Nodes;

namespace SpotifyLocal.Tests.Discord;

/// <summary>Builds INTERACTION_CREATE payloads in Discord's wire format.</summary>
public static class Interactions
{
    public const string GuildId = "333333333333333333";
    public const string ChannelId = "444444444444444444";
    public const string MemberUserId = "555555555555555555";
    private static int _next;

    public static JsonObject Option(string name, int type, string value) =>
        new() { ["name"] = name, ["type"] = type, ["value"] = value };

    /// <summary>A slash command run by a member in a server.</summary>
    public static JsonObject SlashCommand(string name, JsonArray? options = null, JsonObject? resolved = null)
    {
        var id = Interlocked.Increment(ref _next);
        var data = new JsonObject { ["id"] = "700", ["name"] = name, ["type"] = 1 };
        if (options is not null)
        {
            data["options"] = options;
        }

        if (resolved is not null)
        {
            data["resolved"] = resolved;
        }

        return new JsonObject
        {
            ["id"] = $"80000000000000{id:D4}",
            ["application_id"] = Fakes.FakeDiscordServer.ApplicationId,
            ["type"] = 2,
            ["token"] = $"interaction-token-{id}",
            ["version"] = 1,
            ["guild_id"] = GuildId,
            ["channel_id"] = ChannelId,
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = MemberUserId, ["username"] = "listener", ["global_name"] = "Listener" },
                ["permissions"] = "2147483647",
            },
            ["app_permissions"] = "2048",
            ["attachment_size_limit"] = 10_485_760,
            ["locale"] = "en-US",
            ["data"] = data,
        };
    }
}
