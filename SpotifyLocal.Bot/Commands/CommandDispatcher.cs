using SpotifyLocal.Core;

namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// Runs a command for a caller: rate limiting, the handler, and turning user errors into short replies
/// (never a stack trace). Every adapter goes through here.
/// </summary>
public sealed class CommandDispatcher(IServiceProvider services, CommandRateLimiter rateLimiter, ILogger<CommandDispatcher> logger)
{
    public async Task<BotReply> DispatchAsync(BotCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.IsExpensive && rateLimiter.TryAcquire(context.Caller.LocalUserId) is { } wait)
        {
            return BotReply.Error($"Easy there: try /{command.Name} again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s.");
        }

        try
        {
            return command switch
            {
                LinkCommand c => await HandleAsync(c, context, cancellationToken),
                UnlinkCommand c => await HandleAsync(c, context, cancellationToken),
                ForgetCommand c => await HandleAsync(c, context, cancellationToken),
                TopCommand c => await HandleAsync(c, context, cancellationToken),
                StatsCommand c => await HandleAsync(c, context, cancellationToken),
                RecentCommand c => await HandleAsync(c, context, cancellationToken),
                ImportCommand c => await HandleAsync(c, context, cancellationToken),
                TimeZoneCommand c => await HandleAsync(c, context, cancellationToken),
                WeeklyCommand c => await HandleAsync(c, context, cancellationToken),
                HelpCommand c => await HandleAsync(c, context, cancellationToken),
                _ => BotReply.Error($"/{command.Name} is not available."),
            };
        }
        catch (UserFacingException ex)
        {
            logger.LogInformation("/{Command} from {Platform} refused: {Reason}", command.Name, context.Caller.Platform, ex.Message);
            return BotReply.Error(ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "/{Command} from {Platform} failed", command.Name, context.Caller.Platform);
            return BotReply.Error("Something went wrong on my side. Please try again in a moment.");
        }
    }

    private Task<BotReply> HandleAsync<TCommand>(TCommand command, CommandContext context, CancellationToken cancellationToken)
        where TCommand : BotCommand
    {
        var handler = services.GetService<ICommandHandler<TCommand>>();
        return handler is null
            ? Task.FromResult(BotReply.Error($"/{command.Name} is not available on this bot."))
            : handler.HandleAsync(command, context, cancellationToken);
    }
}
