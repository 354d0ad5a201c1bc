namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/stats [period] [clock]</c>: totals with listening time per day, or the listening clock (weekday × hour).</summary>
public sealed record StatsCommand(string Period, bool Clock = false) : BotCommand
{
    /// <summary>The word that asks for the listening clock instead of the per-day chart.</summary>
    public const string ClockWord = "clock";

    public override string Name => "stats";

    public override bool IsExpensive => true;

    /// <summary>The command text that reproduces this view for <paramref name="period"/> (for buttons).</summary>
    public static string Text(string period, bool clock) => clock ? $"/stats {period} {ClockWord}" : $"/stats {period}";
}
