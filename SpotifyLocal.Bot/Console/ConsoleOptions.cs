namespace SpotifyLocal.Bot.Console;

/// <summary>The <c>Console</c> section: the local prompt adapter.</summary>
public sealed class ConsoleOptions
{
    public const string SectionName = "Console";

    /// <summary>true/false forces the prompt on or off; unset: on when no chat platform is configured.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Where chart images are written (relative to the working directory).</summary>
    public string OutputDirectory { get; set; } = "out";

    /// <summary>The chat user id the console speaks as.</summary>
    public string UserId { get; set; } = "local";
}
