namespace SpotifyLocal.Bot.Cli;

/// <summary>
/// A one-shot command-line verb (<c>SpotifyLocal.Bot import …</c>, <c>SpotifyLocal.Bot top …</c>) run against the
/// configured storage instead of starting the chat adapters. Register with <c>services.AddSingleton&lt;ICliVerb, T&gt;()</c>.
/// </summary>
public interface ICliVerb
{
    /// <summary>The first command-line argument that selects this verb.</summary>
    string Name { get; }

    /// <summary>One usage line, printed for <c>--help</c> and after bad arguments.</summary>
    string Usage { get; }

    /// <summary>Runs the verb with the arguments after its name; returns the process exit code (0 = success).</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
