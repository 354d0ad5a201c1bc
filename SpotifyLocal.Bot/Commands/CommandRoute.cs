namespace SpotifyLocal.Bot.Commands;

/// <summary>Connects one command type to its handler; registered by <see cref="CommandServiceCollectionExtensions.AddCommandHandler{TCommand, THandler}"/>.</summary>
public sealed record CommandRoute(Type CommandType, Func<IServiceProvider, BotCommand, CommandContext, CancellationToken, Task<BotReply>> Handle);
