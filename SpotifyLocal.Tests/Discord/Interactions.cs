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
            // A placeholder: dispatching it through the fake gateway stamps the snowflake of the moment it was created.
            ["id"] = $"80000000000000{id:D4}",
            ["application_id"] = Fakes.FakeDiscordServer.ApplicationId,
            ["type"] = 2,
            ["token"] = $"interaction-token-{id}",
            ["version"] = 1,
            ["guild_id"] = GuildId,
            ["channel_id"] = ChannelId,
            // The fields Discord sends today (developers/interactions/receiving-and-responding.mdx, "Interaction Object";
            // developers/resources/guild.mdx, "Guild Member Object"), so the client meets unknown ones as it will in production.
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject
                {
                    ["id"] = MemberUserId, ["username"] = "listener", ["global_name"] = "Listener", ["discriminator"] = "0",
                    ["avatar"] = null, ["public_flags"] = 0, ["avatar_decoration_data"] = null, ["clan"] = null,
                },
                ["roles"] = new JsonArray("666666666666666666"),
                ["joined_at"] = "2024-05-01T10:00:00.000000+00:00",
                ["premium_since"] = null,
                ["deaf"] = false,
                ["mute"] = false,
                ["pending"] = false,
                ["flags"] = 0,
                ["nick"] = null,
                ["avatar"] = null,
                ["communication_disabled_until"] = null,
                ["unusual_dm_activity_until"] = null,
                ["permissions"] = "2147483647",
            },
            ["guild"] = new JsonObject { ["id"] = GuildId, ["locale"] = "en-US", ["features"] = new JsonArray() },
            ["guild_locale"] = "en-US",
            ["entitlements"] = new JsonArray(),
            ["entitlement_sku_ids"] = new JsonArray(),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = GuildId },
            ["context"] = 0,
            ["channel"] = new JsonObject { ["id"] = ChannelId, ["type"] = 0, ["guild_id"] = GuildId, ["name"] = "stats", ["flags"] = 0 },
            ["app_permissions"] = "2048",
            ["attachment_size_limit"] = 10_485_760,
            ["locale"] = "en-US",
            ["data"] = data,
        };
    }
}
