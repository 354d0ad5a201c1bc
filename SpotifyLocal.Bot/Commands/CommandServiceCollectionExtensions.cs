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
        services.AddSingleton<CommandRateLimiter>();
        services.AddSingleton<CommandDispatcher>();
        services.TryAddSingleton<WebUploadOffer>();
        services.AddCommandHandler<HelpCommand, HelpCommandHandler>();
        services.AddCommandHandler<TimeZoneCommand, TimeZoneCommandHandler>();
        services.AddCommandHandler<UnlinkCommand, UnlinkCommandHandler>();
        services.AddCommandHandler<WebCommand, WebCommandHandler>();
        services.AddCommandHandler<ForgetCommand, ForgetCommandHandler>();
        services.AddCommandHandler<RecentCommand, RecentCommandHandler>();
        services.AddCommandHandler<TopCommand, TopCommandHandler>();
        services.AddCommandHandler<StatsCommand, StatsCommandHandler>();
        services.AddCommandHandler<StreaksCommand, StreaksCommandHandler>();
        services.AddCommandHandler<DiscoveriesCommand, DiscoveriesCommandHandler>();
        services.AddCommandHandler<SkipsCommand, SkipsCommandHandler>();
        services.AddCommandHandler<CompareCommand, CompareCommandHandler>();
        services.AddCommandHandler<RecapCommand, RecapCommandHandler>();
        services.AddCommandHandler<PodcastsCommand, PodcastsCommandHandler>();
        services.AddCommandHandler<ImportCommand, ImportCommandHandler>();
        services.AddCommandHandler<LinkCommand, LinkCommandHandler>();
        return services;
    }

    /// <summary>Registers a handler instance of a command type (tests), replacing an earlier one.</summary>
    public static IServiceCollection AddCommandHandler<TCommand, THandler>(this IServiceCollection services, THandler handler)
        where TCommand : BotCommand
        where THandler : class, ICommandHandler<TCommand>
    {
        services.RemoveAll<ICommandHandler<TCommand>>();
        services.AddSingleton<ICommandHandler<TCommand>>(handler);
        return services;
    }

    /// <summary>Registers the handler of a command type, replacing an earlier one.</summary>
    public static IServiceCollection AddCommandHandler<TCommand, THandler>(this IServiceCollection services)
        where TCommand : BotCommand
        where THandler : class, ICommandHandler<TCommand>
    {
        services.RemoveAll<ICommandHandler<TCommand>>();
        services.AddSingleton<ICommandHandler<TCommand>, THandler>();
        return services;
    }
}
