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
        services.AddSingleton<ICommandHandler<HelpCommand>, HelpCommandHandler>();
        services.AddSingleton<ICommandHandler<TimeZoneCommand>, TimeZoneCommandHandler>();
        services.AddSingleton<ICommandHandler<UnlinkCommand>, UnlinkCommandHandler>();
        services.AddSingleton<ICommandHandler<ForgetCommand>, ForgetCommandHandler>();
        services.AddSingleton<ICommandHandler<RecentCommand>, RecentCommandHandler>();
        return services;
    }
}
