using SpotifyLocal.Core.Accounts;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/forget: deletes everything stored about the caller (see <see cref="AccountLifecycleService.ForgetAsync"/>), only after an explicit confirmation.</summary>
public sealed class ForgetCommandHandler(AccountLifecycleService accounts) : ICommandHandler<ForgetCommand>
{
    public const string ConfirmText = "/forget confirm";

    public async Task<BotReply> HandleAsync(ForgetCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (!command.Confirmed)
        {
            return new BotReply("This deletes everything stored about you and cannot be undone: every play and import, your Spotify link and its tokens, "
                + $"this and your other linked chat accounts, your weekly summary and your visibility in servers. Live tracking stops. To go ahead, press the button or send {ConfirmText}.")
            {
                Private = true,
                Buttons = [ReplyButton.Command("Yes, delete everything", ConfirmText)],
            };
        }

        var deleted = await accounts.ForgetAsync(context.Caller, cancellationToken);
        return new BotReply($"Done: {deleted:N0} plays, your import history, your Spotify link and everything else stored about you are deleted.") { Private = true };
    }
}
