using SpotifyLocal.Core;

namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// Runs a command for a caller: rate limiting, the handler, and turning user errors into short replies
/// (never a stack trace). Every adapter goes through here.
/// </summary>
public sealed class CommandDispatcher(
    IServiceProvider services,
    IEnumerable<CommandRoute> routes,
    CommandRateLimiter rateLimiter,
    ILogger<CommandDispatcher> logger)
{
    public async Task<BotReply> DispatchAsync(BotCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.IsExpensive && rateLimiter.TryAcquire(context.Caller.LocalUserId) is { } wait)
        {
            return BotReply.Error($"Easy there: try /{command.Name} again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s.");
        }

        try
        {
            var route = routes.FirstOrDefault(r => r.CommandType == command.GetType());
            return route is null
                ? BotReply.Error($"/{command.Name} is not available on this bot.")
                : await route.Handle(services, command, context, cancellationToken);
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
}
