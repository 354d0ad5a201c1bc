using SpotifyLocal.Core.Accounts;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>
/// /link and its steps: a private, single-use Spotify authorize link, then (after the browser) the question naming the
/// Spotify account, whose buttons confirm or cancel; a holder of that account approves or refuses.
/// </summary>
public sealed class LinkCommandHandler(AccountLifecycleService accounts) : ICommandHandler<LinkCommand>
{
    public const string ContinueText = "/link continue";

    public async Task<BotReply> HandleAsync(LinkCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var caller = context.Caller;
        var step = command.Action switch
        {
            LinkAction.Start => null,
            LinkAction.Continue => accounts.FindConsent(caller),
            LinkAction.Confirm or LinkAction.Cancel => await accounts.ConfirmLinkAsync(caller, command.ConsentId!, command.Action == LinkAction.Confirm, cancellationToken),
            _ => await accounts.DecideAsync(caller, command.ConsentId!, command.Action == LinkAction.Approve, cancellationToken),
        };
        return step is null ? Start(caller) : Reply(step, command.Action);
    }

    private BotReply Start(Core.Storage.ChatIdentity caller)
    {
        // Throws SpotifyNotConfiguredException (a user-facing message) when the owner set up no Spotify app.
        var url = accounts.RequestLink(caller);
        return new BotReply(
            "Open this link to connect your Spotify account for live tracking, agree there, then come back and press Continue to confirm "
            + "the account. The link works once and expires in 10 minutes. Spotify access lasts six months; I'll remind you to /link again before it ends.")
        {
            Private = true,
            Buttons = [ReplyButton.Link("Connect Spotify", url), ReplyButton.Command("Continue", ContinueText)],
        };
    }

    private static BotReply Reply(LinkStep step, LinkAction action) => step.Outcome switch
    {
        LinkStepOutcome.Question => new BotReply(AccountLifecycleService.Question(step.AccountName!))
        {
            Private = true,
            Buttons = [.. AccountLifecycleService.QuestionCommands(step.ConsentId!, step.AccountName!).Select(c => ReplyButton.Command(c.Label, c.CommandText))],
        },
        LinkStepOutcome.Linked => new BotReply($"Spotify account {step.AccountName} is linked: I record what you play from now on, and anything you imported before moved to it.") { Private = true },
        LinkStepOutcome.AwaitingApproval => new BotReply(
            $"Spotify account {step.AccountName} is already linked to another chat account, so that one has to approve first. I'll tell you the answer; without one within 10 minutes nothing is linked.")
        {
            Private = true,
        },
        LinkStepOutcome.Cancelled => new BotReply("Cancelled: nothing was linked.") { Private = true },
        LinkStepOutcome.Refused => new BotReply($"Refused: Spotify account {step.AccountName} stays yours alone.") { Private = true },
        _ => BotReply.Error(action == LinkAction.Continue
            ? "Nothing to confirm yet: open the link from /link and agree on Spotify's page first (within 10 minutes of /link)."
            : "This link request is over (finished, expired, or not yours to decide). Send /link to start again."),
    };
}
