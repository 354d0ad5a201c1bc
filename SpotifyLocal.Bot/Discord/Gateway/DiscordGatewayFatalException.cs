namespace SpotifyLocal.Bot.Discord.Gateway;

/// <summary>The gateway closed with a code that must not be retried; the message names the setting to fix.</summary>
public sealed class DiscordGatewayFatalException(int closeCode, string hint)
    : Exception($"Discord gateway closed with {closeCode}: {hint}. Not reconnecting.")
{
    /// <summary>The close code Discord sent (4004, 4010–4014).</summary>
    public int CloseCode { get; } = closeCode;
}
