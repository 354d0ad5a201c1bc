using System.Globalization;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core;
using SpotifyLocal.Core.Accounts;
using SpotifyLocal.Core.Import;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/import with an export file: runs the import for the caller, reports progress, answers with the summary.</summary>
public sealed class ImportCommandHandler(AccountLifecycleService accounts, ImportService imports, IOptions<ImportOptions> options, WebUploadOffer web) : ICommandHandler<ImportCommand>
{
    public async Task<BotReply> HandleAsync(ImportCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        if (command.File is not { } file)
        {
            return web.AddTo(
                new BotReply(
                    "Send your Spotify data export with this command: request it on Spotify's privacy page (\"Extended streaming history\" "
                    + "is best; \"Account data\" works too), then attach the ZIP (or one of its Streaming_History JSON files)."),
                context.Caller);
        }

        var path = Path.GetFullPath(file.Path);
        if (file.NamedByOperator && !File.Exists(path))
        {
            throw new UserFacingException($"There is no file at {file.Path}.");
        }

        var userId = await accounts.ResolveUserIdAsync(context.Caller, cancellationToken);
        var progress = context.Progress is { } sink ? new ImportProgressReporter(sink) : null;
        var job = await imports.ImportAsync(path, file.FileName, userId, progress, cancellationToken);
        return new BotReply(ImportSummary.Describe(job, options.Value))
        {
            Title = "Import finished",
            Buttons = [ReplyButton.Command("top artists", "/top all artists"), ReplyButton.Command("stats this year", "/stats year")],
        };
    }

    /// <summary>Maps import snapshots to chat progress on the importing thread, so updates arrive in order and before the summary.</summary>
    private sealed class ImportProgressReporter(IProgress<CommandProgress> sink) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => sink.Report(value.TotalTracks == 0
            ? new CommandProgress("Checking the file…", null)
            : new CommandProgress(
                string.Create(CultureInfo.InvariantCulture, $"{value.ProcessedTracks:N0} of {value.TotalTracks:N0} entries · {value.Inserted:N0} new plays"),
                value.Fraction));
    }
}
