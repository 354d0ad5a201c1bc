namespace SpotifyLocal.Bot.Console;

/// <summary>The console adapter's input and output (the process's stdin/stdout, or scripted ones in tests).</summary>
public sealed record ConsoleStreams(TextReader Input, TextWriter Output, bool IsInteractive)
{
    public static ConsoleStreams Process() =>
        new(System.Console.In, System.Console.Out, !System.Console.IsInputRedirected && !System.Console.IsOutputRedirected);
}
