using SpotifyLocal.Core.Accounts;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/unlink: forget the Spotify tokens and this chat link; plays stay.</summary>
public sealed class UnlinkCommandHandler(AccountLifecycleService accounts) : ICommandHandler<UnlinkCommand>
{
    public async Task<BotReply> HandleAsync(UnlinkCommand command, CommandContext context, CancellationToken cancellationToken) =>
        await accounts.UnlinkAsync(context.Caller, cancellationToken)
            ? new BotReply("Spotify is disconnected: live tracking stopped and your tokens are deleted. Your stored plays stay; /forget deletes them.") { Private = true }
            : new BotReply("This chat account is not linked to Spotify. /link connects it.") { Private = true };
}
