namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>Message flags the bot sets.</summary>
[Flags]
public enum MessageFlags
{
    None = 0,
    SuppressEmbeds = 1 << 2,
    Ephemeral = 1 << 6,
}
