using Microsoft.Extensions.DependencyInjection.Extensions;
using SpotifyLocal.Bot.Commands.Handlers;
using SpotifyLocal.Core.Accounts;

namespace SpotifyLocal.Bot.Commands;

/// <summary>Registers the command model: parser-independent dispatcher, rate limiter and handlers.</summary>
public static class CommandServiceCollectionExtensions
{
    public static IServiceCollection AddCommands(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CommandOptions>()
            .Bind(configuration.GetSection(CommandOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ChatAccountService>();
        services.AddSingleton<CommandRateLimiter>();
        services.AddSingleton<CommandDispatcher>();
        services.AddCommandHandler<HelpCommand, HelpCommandHandler>();
        services.AddCommandHandler<TimeZoneCommand, TimeZoneCommandHandler>();
        services.AddCommandHandler<UnlinkCommand, UnlinkCommandHandler>();
        services.AddCommandHandler<ForgetCommand, ForgetCommandHandler>();
        services.AddCommandHandler<RecentCommand, RecentCommandHandler>();
        return services;
    }

    /// <summary>Registers a handler and routes its command type to it (replacing an earlier handler of that command).</summary>
    public static IServiceCollection AddCommandHandler<TCommand, THandler>(this IServiceCollection services)
        where TCommand : BotCommand
        where THandler : class, ICommandHandler<TCommand>
    {
        services.RemoveAll<ICommandHandler<TCommand>>();
        services.AddSingleton<ICommandHandler<TCommand>, THandler>();
        var existing = services.Where(d => d.ServiceType == typeof(CommandRoute) && d.ImplementationInstance is CommandRoute r && r.CommandType == typeof(TCommand)).ToList();
        foreach (var descriptor in existing)
        {
            services.Remove(descriptor);
        }

        services.AddSingleton(new CommandRoute(
            typeof(TCommand),
            (provider, command, context, cancellationToken) =>
                provider.GetRequiredService<ICommandHandler<TCommand>>().HandleAsync((TCommand)command, context, cancellationToken)));
        return services;
    }
}
