using System.Collections.Concurrent;
using System.Reflection;
using SpotifyLocal.Core;

namespace SpotifyLocal.Bot.Commands;

/// <summary>
/// Runs a command for a caller: rate limiting, the handler, and turning user errors into short replies
/// (never a stack trace). Every adapter goes through here.
/// </summary>
public sealed class CommandDispatcher(
    IServiceProvider services,
    CommandRateLimiter rateLimiter,
    ILogger<CommandDispatcher> logger)
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, BotCommand, CommandContext, CancellationToken, Task<BotReply>?>> Invokers = new();

    public async Task<BotReply> DispatchAsync(BotCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.IsExpensive && rateLimiter.TryAcquire(context.Caller.LocalUserId) is { } wait)
        {
            return BotReply.Error($"Easy there: try /{command.Name} again in {Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} s.");
        }

        try
        {
            var invoke = Invokers.GetOrAdd(command.GetType(), CreateInvoker);
            var reply = invoke(services, command, context, cancellationToken);
            return reply is null ? BotReply.Error($"/{command.Name} is not available on this bot.") : await reply;
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

    /// <summary>Builds, once per command type, a call to that type's <see cref="ICommandHandler{TCommand}"/> (null when none is registered).</summary>
    private static Func<IServiceProvider, BotCommand, CommandContext, CancellationToken, Task<BotReply>?> CreateInvoker(Type commandType) =>
        (Func<IServiceProvider, BotCommand, CommandContext, CancellationToken, Task<BotReply>?>)typeof(CommandDispatcher)
            .GetMethod(nameof(Invoke), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(commandType)
            .CreateDelegate(typeof(Func<IServiceProvider, BotCommand, CommandContext, CancellationToken, Task<BotReply>?>));

    private static Task<BotReply>? Invoke<TCommand>(IServiceProvider provider, BotCommand command, CommandContext context, CancellationToken cancellationToken)
        where TCommand : BotCommand =>
        provider.GetService<ICommandHandler<TCommand>>()?.HandleAsync((TCommand)command, context, cancellationToken);
}
