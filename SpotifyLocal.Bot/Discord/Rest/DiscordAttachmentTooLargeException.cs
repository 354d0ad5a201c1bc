namespace SpotifyLocal.Bot.Discord.Rest;

/// <summary>An attachment is larger than the bot is willing to download.</summary>
public sealed class DiscordAttachmentTooLargeException(long limitBytes, long? actualBytes)
    : Exception($"The attachment is larger than the {limitBytes / (1024 * 1024)} MiB the bot accepts.")
{
    /// <summary>The cap that was exceeded.</summary>
    public long LimitBytes { get; } = limitBytes;

    /// <summary>The announced size, when the server said it.</summary>
    public long? ActualBytes { get; } = actualBytes;
}
