namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// Discord <c>/weekly channel:#stats</c> / <c>/weekly state:off</c> in a server (Manage Server only): where the server's
/// weekly summary goes. Both null shows the current setting; <see cref="Enabled"/> true without a channel turns the
/// stored channel back on.
/// </summary>
public sealed record ServerWeeklyCommand(string? ChannelId, bool? Enabled) : BotCommand
{
    public override string Name => "weekly";
}
