namespace SpotifyLocal.Bot.Discord.Gateway;

/// <summary>Gateway close codes and what they mean for reconnecting.</summary>
public static class GatewayCloseCodes
{
    public const int AuthenticationFailed = 4004;
    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;
    public const int InvalidShard = 4010;
    public const int ShardingRequired = 4011;
    public const int InvalidApiVersion = 4012;
    public const int InvalidIntents = 4013;
    public const int DisallowedIntents = 4014;

    /// <summary>
    /// For a code that must not be retried, what the operator has to fix (naming the setting); null for codes after
    /// which reconnecting is right.
    /// </summary>
    public static string? FatalHint(int closeCode) => closeCode switch
    {
        AuthenticationFailed =>
            "the bot token was rejected: set Discord:BotToken to the token from Developer Portal → your application → Bot → Reset Token",
        InvalidShard => "Discord rejected the shard settings this client sent (it does not shard); please report this",
        ShardingRequired =>
            "the bot is in too many servers for one unsharded session; this self-hosted bot does not shard",
        InvalidApiVersion =>
            "the gateway rejected API v10: check Discord:GatewayUrlOverride (leave it empty to ask Discord) and Discord:ApiBaseUrl",
        InvalidIntents => "the gateway rejected the intents value (this bot identifies with intents 0); please report this",
        DisallowedIntents =>
            "a privileged intent was requested without being enabled: enable it under Developer Portal → Bot → Privileged Gateway Intents (this bot needs none)",
        _ => null,
    };

    /// <summary>True for codes after which the session cannot be resumed and a fresh Identify is needed.</summary>
    public static bool RequiresNewSession(int closeCode) => closeCode is InvalidSequence or SessionTimedOut;
}
