using Microsoft.Extensions.Time.Testing;
using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Tests.Telegram;

/// <summary>
/// Stands in for the import handler to show what the adapter hands over: the downloaded file (read while the
/// command runs) and its name; reports three progress steps, advancing the fake clock between the first two.
/// </summary>
public sealed class RecordingImportHandler(FakeTimeProvider time) : ICommandHandler<ImportCommand>
{
    public string? FilePath { get; private set; }

    public string? FileName { get; private set; }

    public byte[]? Content { get; private set; }

    public async Task<BotReply> HandleAsync(ImportCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        FilePath = command.File!.Path;
        FileName = command.File.FileName;
        Content = await File.ReadAllBytesAsync(command.File.Path, cancellationToken);
        context.Progress!.Report(new CommandProgress("Reading the export…", 0.1));
        time.Advance(TimeSpan.FromSeconds(2));
        context.Progress.Report(new CommandProgress("Importing plays…", 0.6));
        context.Progress.Report(new CommandProgress("Importing plays…", 0.9)); // within the interval: not shown
        return new BotReply($"Imported {Content.Length} plays from {command.File.FileName}.");
    }
}
