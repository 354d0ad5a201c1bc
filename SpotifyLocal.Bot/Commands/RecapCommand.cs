namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/recap [2025|period]</c>: the caller's period in one tall image and a text summary; without a period, this year so far.</summary>
public sealed record RecapCommand(string? Period = null) : BotCommand
{
    public override string Name => "recap";

    public override bool IsExpensive => true;

    /// <summary>The command text that reproduces this view (for buttons); fits Telegram's 64-byte callback data.</summary>
    public static string Text(string? period) => period is null ? "/recap" : $"/recap {period}";
}
