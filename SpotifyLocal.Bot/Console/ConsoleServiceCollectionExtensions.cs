namespace SpotifyLocal.Bot.Console;

/// <summary>Registers the console prompt when it is enabled, or when no chat platform is configured.</summary>
public static class ConsoleServiceCollectionExtensions
{
    public static IServiceCollection AddConsoleAdapter(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.SectionName));
        if (!IsEnabled(configuration))
        {
            return services;
        }

        services.AddSingleton(_ => ConsoleStreams.Process());
        services.AddHostedService<ConsoleAdapter>();
        return services;
    }

    public static bool IsEnabled(IConfiguration configuration)
    {
        var explicitSetting = configuration.GetValue<bool?>($"{ConsoleOptions.SectionName}:Enabled");
        if (explicitSetting is { } enabled)
        {
            return enabled;
        }

        var anyPlatform = !string.IsNullOrWhiteSpace(configuration["Telegram:BotToken"]) || !string.IsNullOrWhiteSpace(configuration["Discord:BotToken"]);
        return !anyPlatform;
    }
}
