using SpotifyLocal.Core;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>The checks server commands share: run in a server, and for settings by someone with Manage Server.</summary>
internal static class ServerCommandGuard
{
    public const string AdminOnly = "Only members with the Manage Server permission can change this server's settings.";

    /// <exception cref="UserFacingException">The command was not run in a server.</exception>
    public static string ServerId(CommandContext context, string command) =>
        context.ServerId ?? throw new UserFacingException($"/{command} works in a server, not in private chats.");
}
