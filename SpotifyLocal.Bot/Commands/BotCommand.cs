namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// A chat command, already parsed and independent of the platform it came from. Adapters build these
/// (from text with <see cref="CommandParser"/>, or from Discord's typed options) and hand them to
/// <see cref="CommandDispatcher"/>.
/// </summary>
public abstract record BotCommand
{
    /// <summary>The command's name without the slash, e.g. <c>top</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Commands that hit the database or render charts are rate limited per user.</summary>
    public virtual bool IsExpensive => false;
}
