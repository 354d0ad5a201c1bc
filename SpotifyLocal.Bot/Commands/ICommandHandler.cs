namespace SpotifyLocal.Bot.Commands;

/// <summary>Handles one kind of command: calls Core services and returns a platform-neutral reply.</summary>
public interface ICommandHandler<in TCommand>
    where TCommand : BotCommand
{
    Task<BotReply> HandleAsync(TCommand command, CommandContext context, CancellationToken cancellationToken);
}
