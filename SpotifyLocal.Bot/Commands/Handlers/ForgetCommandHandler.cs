using SpotifyLocal.Core.Accounts;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/forget: deletes every stored play and import of the caller, only after an explicit confirmation.</summary>
public sealed class ForgetCommandHandler(AccountLifecycleService accounts) : ICommandHandler<ForgetCommand>
{
    public const string ConfirmText = "/forget confirm";

    public async Task<BotReply> HandleAsync(ForgetCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (!command.Confirmed)
        {
            return new BotReply($"This deletes every play and import stored for you and cannot be undone. To go ahead, press the button or send {ConfirmText}.")
            {
                Private = true,
                Buttons = [ReplyButton.Command("Yes, delete everything", ConfirmText)],
            };
        }

        var deleted = await accounts.ForgetAsync(context.Caller, cancellationToken);
        return new BotReply($"Done: {deleted:N0} plays and your import history are deleted.") { Private = true };
    }
}
