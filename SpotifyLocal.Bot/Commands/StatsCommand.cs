namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/stats [period]</c>: totals and a listening-time chart.</summary>
public sealed record StatsCommand(string Period) : BotCommand
{
    public override string Name => "stats";

    public override bool IsExpensive => true;
}
