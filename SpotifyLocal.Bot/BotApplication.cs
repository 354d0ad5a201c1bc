using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Cli;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot;

/// <summary>Builds and runs the bot's host, or a one-shot command-line verb (<c>import</c>, <c>top</c>).</summary>
public static class BotApplication
{
    /// <summary>Exit code for configuration that fails validation (the message names the key).</summary>
    public const int ConfigurationErrorExitCode = 2;

    public static async Task<int> RunAsync(string[] args)
    {
        try
        {
            return await RunHostAsync(args);
        }
        catch (Exception ex) when (ex is OptionsValidationException || ex is AggregateException { InnerExceptions: var inner } && inner.All(e => e is OptionsValidationException))
        {
            // A missing or bad setting is the operator's to fix: name it, no stack trace.
            var failures = ex is AggregateException aggregate
                ? aggregate.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)
                : ((OptionsValidationException)ex).Failures;
            foreach (var failure in failures)
            {
                await System.Console.Error.WriteLineAsync("Configuration error: " + failure);
            }

            return ConfigurationErrorExitCode;
        }
    }

    private static async Task<int> RunHostAsync(string[] args)
    {
        var builder = CreateBuilder(args);
        await using var app = builder.Build();

        var verbs = app.Services.GetServices<ICliVerb>().ToList();
        if (args.Length > 0 && verbs.FirstOrDefault(v => string.Equals(v.Name, args[0], StringComparison.OrdinalIgnoreCase)) is { } verb)
        {
            return await RunVerbAsync(app, verb, args[1..]);
        }

        if (args.Length > 0 && args[0] is "--help" or "-h" or "help")
        {
            PrintUsage(verbs);
            return 0;
        }

        app.MapBotEndpoints();
        await app.RunAsync();
        return 0;
    }

    /// <summary>The host with every feature registered; tests build it with their own configuration.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true, reloadOnChange: false);
        builder.Configuration.AddUserSecrets(typeof(BotApplication).Assembly, optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        // Logs go to stderr so the console adapter's replies (stdout) stay clean for scripts.
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        if (string.IsNullOrWhiteSpace(builder.Configuration["urls"]) && string.IsNullOrWhiteSpace(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(BotEndpoints.ChooseListenUrl(builder.Configuration));
        }

        builder.Services.AddSpotifyLocal(builder.Configuration);
        return builder;
    }

    private static async Task<int> RunVerbAsync(WebApplication app, ICliVerb verb, string[] arguments)
    {
        using var cancellation = new CancellationTokenSource();
        // Ctrl+C, SIGTERM (docker stop, systemd, kill) and SIGQUIT all cancel the verb, which then records its job as
        // cancelled with exact counts; without this, SIGTERM would end the process with the job left "processing".
        var cancel = CancelOn(cancellation);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, cancel);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, cancel);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, cancel);
        try
        {
            return await RunVerbAsync(app.Services, verb, arguments, System.Console.Out, System.Console.Error, cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            await System.Console.Error.WriteLineAsync("Cancelled.");
            return 130;
        }
    }

    private static Action<PosixSignalContext> CancelOn(CancellationTokenSource cancellation) => context =>
    {
        context.Cancel = true;
        cancellation.Cancel();
    };

    /// <summary>
    /// Runs a verb without the hosted services: validates the storage options and puts the schema in place first
    /// (the host's storage initializer never starts here), so a verb on a fresh MongoDB database has its unique indexes.
    /// </summary>
    internal static async Task<int> RunVerbAsync(
        IServiceProvider services, ICliVerb verb, string[] arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        await services.GetRequiredService<IStorageInitializer>().InitializeAsync(cancellationToken);
        return await verb.RunAsync(arguments, output, error, cancellationToken);
    }

    private static void PrintUsage(IEnumerable<ICliVerb> verbs)
    {
        System.Console.WriteLine("SpotifyLocal bot. Without arguments it runs the bot (chat adapters from configuration).");
        System.Console.WriteLine("Command-line verbs:");
        foreach (var verb in verbs.OrderBy(v => v.Name, StringComparer.Ordinal))
        {
            System.Console.WriteLine("  " + verb.Usage);
        }
    }
}
