using SpotifyLocal.Bot.Commands;

namespace SpotifyLocal.Bot.Console;

/// <summary>
/// The console's commands: the chat commands of <see cref="CommandParser"/>, plus <c>/import &lt;path&gt;</c>, since
/// whoever types at this prompt runs the bot and may name files on its machine.
/// </summary>
public static class ConsoleCommandParser
{
    public static CommandParseResult Parse(string line)
    {
        var text = line.Trim();
        text = text.StartsWith('/') ? text : "/" + text;
        var space = text.IndexOfAny([' ', '\t']);
        if (space > 0 && text[..space].Equals("/import", StringComparison.OrdinalIgnoreCase))
        {
            // The path may contain spaces.
            return CommandParseResult.Ok(new ImportCommand(ImportFile.NamedLocally(text[(space + 1)..].Trim())));
        }

        return CommandParser.Parse(text);
    }
}
