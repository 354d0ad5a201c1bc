namespace SpotifyLocal.Bot.Discord.Dtos;

/// <summary>How the bot answers an interaction.</summary>
public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
}
