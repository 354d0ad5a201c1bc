using System.Globalization;
using Microsoft.Extensions.Options;
using SpotifyLocal.Bot.Commands;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Console;

/// <summary>
/// A prompt on the terminal (or piped stdin): each line is a command, replies are printed and charts are
/// written to <see cref="ConsoleOptions.OutputDirectory"/>. Ends the host when the input ends.
/// </summary>
public sealed class ConsoleAdapter(
    CommandDispatcher dispatcher,
    ConsoleStreams streams,
    IOptions<ConsoleOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ConsoleAdapter> logger) : BackgroundService
{
    private TextWriter Output => streams.Output;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start reading only once the host has started: stopping it mid-start (input already at its end) would fail the start.
        await WhenStartedAsync(lifetime.ApplicationStarted, stoppingToken);
        var identity = new ChatIdentity(ChatIdentity.Console, options.Value.UserId);
        await Output.WriteLineAsync("SpotifyLocal console. Type /help for commands; try /import samples/demo-export.zip then /top month artists. /quit exits.");
        while (!stoppingToken.IsCancellationRequested)
        {
            if (streams.IsInteractive)
            {
                await Output.WriteAsync("> ");
                await Output.FlushAsync(stoppingToken);
            }

            var line = await ReadLineAsync(stoppingToken);
            if (line is null || line.Trim() is "/quit" or "/exit" or "quit" or "exit")
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await RunLineAsync(line.Trim(), identity, stoppingToken);
        }

        lifetime.StopApplication();
    }

    /// <summary>Runs one command line and prints its reply.</summary>
    public async Task RunLineAsync(string line, ChatIdentity identity, CancellationToken cancellationToken)
    {
        var parsed = ConsoleCommandParser.Parse(line);
        if (parsed.Command is null)
        {
            await Output.WriteLineAsync(parsed.Error);
            return;
        }

        var progress = new ConsoleProgressBar(Output, streams.IsInteractive);
        var context = new CommandContext(identity) { CallerName = Environment.UserName, Progress = progress };
        BotReply reply;
        try
        {
            reply = await dispatcher.DispatchAsync(parsed.Command, context, cancellationToken);
        }
        finally
        {
            progress.Complete();
        }

        await PrintAsync(reply, parsed.Command.Name, cancellationToken);
    }

    private async Task PrintAsync(BotReply reply, string commandName, CancellationToken cancellationToken)
    {
        if (reply.Title is not null)
        {
            await Output.WriteLineAsync($"== {reply.Title} ==");
        }

        await Output.WriteLineAsync(reply.Text);
        if (reply.Png is not null)
        {
            var directory = Path.GetFullPath(options.Value.OutputDirectory);
            Directory.CreateDirectory(directory);
            var stamp = time.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var baseName = $"{commandName}-{stamp}";
            var path = Path.Combine(directory, baseName + ".png");
            for (var n = 2; File.Exists(path); n++)
            {
                path = Path.Combine(directory, $"{baseName}-{n}.png");
            }

            await File.WriteAllBytesAsync(path, reply.Png, cancellationToken);
            await Output.WriteLineAsync($"Chart written to {path}");
        }

        foreach (var button in reply.Buttons)
        {
            await Output.WriteLineAsync(button.Url is not null ? $"  {button.Label}: {button.Url}" : $"  {button.Label}: {button.CommandText}");
        }

        await Output.FlushAsync(cancellationToken);
    }

    private static async Task WhenStartedAsync(CancellationToken started, CancellationToken stoppingToken)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var onStarted = started.Register(() => signal.TrySetResult());
        await using var onStopping = stoppingToken.Register(() => signal.TrySetResult());
        await signal.Task;
    }

    private async Task<string?> ReadLineAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Console stdin reads ignore cancellation, so race them against the stop signal.
            var read = streams.Input.ReadLineAsync(stoppingToken).AsTask();
            var stopped = Task.Delay(Timeout.Infinite, stoppingToken);
            return await Task.WhenAny(read, stopped) == read ? await read : null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Console input failed; closing the console adapter");
            return null;
        }
    }
}
