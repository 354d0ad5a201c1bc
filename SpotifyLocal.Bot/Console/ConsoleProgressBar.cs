using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Bot.Console;

/// <summary>Draws import progress: a redrawn bar on a terminal, one line per change when piped.</summary>
public sealed class ConsoleProgressBar(TextWriter output, bool interactive) : IProgress<CommandProgress>
{
    private const int Width = 30;
    private string? _last;

    public void Report(CommandProgress value)
    {
        var line = value.Fraction is { } fraction
            ? $"[{new string('#', (int)Math.Round(Math.Clamp(fraction, 0, 1) * Width)).PadRight(Width, '.')}] {fraction,4:P0} {value.Text}"
            : value.Text;
        if (line == _last)
        {
            return;
        }

        _last = line;
        lock (output)
        {
            if (interactive)
            {
                output.Write("\r" + line.PadRight(100));
            }
            else
            {
                output.WriteLine(line);
            }
        }
    }

    /// <summary>Ends a redrawn bar so the next output starts on a fresh line.</summary>
    public void Complete()
    {
        if (interactive && _last is not null)
        {
            output.WriteLine();
        }
    }
}
