using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>The <c>--user</c> argument of the verbs: a Spotify id, or <c>platform:chatUserId</c> resolved through its chat link.</summary>
public static class CliUser
{
    public static async Task<string> ResolveAsync(string user, IChatLinkStore chatLinks, CancellationToken cancellationToken) =>
        ChatIdentity.TryParse(user, out var identity)
            ? await chatLinks.GetUserIdAsync(identity, cancellationToken) ?? identity.LocalUserId
            : user;
}
