using System.ComponentModel.DataAnnotations;

namespace SpotifyLocal.Bot.Commands;

/// <summary>The <c>Commands</c> section: rate limits for expensive commands.</summary>
public sealed class CommandOptions
{
    public const string SectionName = "Commands";

    [Range(1, 1000, ErrorMessage = "Commands:ExpensiveCommandsPerWindow must be between 1 and 1000.")]
    public int ExpensiveCommandsPerWindow { get; set; } = 10;

    public TimeSpan ExpensiveCommandWindow { get; set; } = TimeSpan.FromMinutes(1);
}
