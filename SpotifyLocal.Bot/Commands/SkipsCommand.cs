namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/skips [period]</c>: the caller's skip rate in the period, most skipped tracks and skip rate by artist.</summary>
public sealed record SkipsCommand(string Period) : BotCommand
{
    public override string Name => "skips";

    public override bool IsExpensive => true;

    /// <summary>The command text that reproduces this view (for buttons).</summary>
    public static string Text(string period) => $"/skips {period}";
}
