namespace SpotifyLocal.Bot.Commands;

/// <summary>Either a parsed command or a short human message (usage line) explaining what was wrong.</summary>
public sealed record CommandParseResult(BotCommand? Command, string? Error)
{
    public static CommandParseResult Ok(BotCommand command) => new(command, null);

    public static CommandParseResult Fail(string error) => new(null, error);
}
