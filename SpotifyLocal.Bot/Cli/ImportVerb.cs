using System.Globalization;
using Microsoft.Extensions.Options;
using SpotifyLocal.Core.Import;
using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Cli;

/// <summary>
/// <c>import &lt;path&gt; --user &lt;spotifyId | platform:chatUserId&gt;</c>: imports a Spotify data export for
/// operators and scripts, with a progress bar on a terminal and a summary that states the counting rules.
/// </summary>
public sealed class ImportVerb(ImportService imports, IChatLinkStore chatLinks, IOptions<ImportOptions> options) : ICliVerb
{
    public string Name => "import";

    public string Usage => "import <export.zip|history.json> --user <spotifyId | discord:<id> | telegram:<id> | console:<name>>";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!TryParse(arguments, out var path, out var user))
        {
            await error.WriteLineAsync("Usage: " + Usage);
            return 2;
        }

        var userId = await CliUser.ResolveAsync(user, chatLinks, cancellationToken);
        var bar = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected ? new ProgressBar(output) : null;
        try
        {
            var job = await imports.ImportAsync(path, Path.GetFileName(path), userId, bar, cancellationToken);
            bar?.Finish();
            await output.WriteLineAsync(ImportSummary.Describe(job, options.Value, userId));
            return 0;
        }
        catch (ImportRejectedException ex)
        {
            bar?.Finish();
            await error.WriteLineAsync("Import failed: " + ex.Message);
            return 1;
        }
    }

    private static bool TryParse(IReadOnlyList<string> arguments, out string path, out string user)
    {
        path = string.Empty;
        user = string.Empty;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i] is "--user" or "-u" && i + 1 < arguments.Count)
            {
                user = arguments[++i];
            }
            else if (!arguments[i].StartsWith('-') && path.Length == 0)
            {
                path = arguments[i];
            }
            else
            {
                return false;
            }
        }

        return path.Length > 0 && user.Length > 0;
    }

    /// <summary>A one-line bar redrawn in place; reports arrive synchronously from the import.</summary>
    private sealed class ProgressBar(TextWriter output) : IProgress<ImportProgress>
    {
        private const int Width = 30;

        public void Report(ImportProgress value)
        {
            var filled = (int)Math.Round(value.Fraction * Width);
            output.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"\r[{new string('#', filled)}{new string('.', Width - filled)}] {value.Fraction,4:P0} {value.ProcessedTracks:N0}/{value.TotalTracks:N0} entries, {value.Inserted:N0} new"));
        }

        public void Finish() => output.WriteLine();
    }
}
