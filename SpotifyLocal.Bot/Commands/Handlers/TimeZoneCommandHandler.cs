using SpotifyLocal.Core.Accounts;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/timezone [zone]: shows or sets the zone that periods and summaries use.</summary>
public sealed class TimeZoneCommandHandler(AccountLifecycleService accounts) : ICommandHandler<TimeZoneCommand>
{
    public async Task<BotReply> HandleAsync(TimeZoneCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.TimeZoneId is null)
        {
            var user = await accounts.GetUserAsync(context.Caller, cancellationToken);
            return new BotReply($"Your time zone is {user.TimeZone}. Change it with /timezone Europe/Berlin (any IANA name).") { Private = true };
        }

        var zone = await accounts.SetTimeZoneAsync(context.Caller, command.TimeZoneId, cancellationToken);
        return new BotReply($"Time zone set to {zone}. Weeks, months and days now follow it.") { Private = true };
    }
}
