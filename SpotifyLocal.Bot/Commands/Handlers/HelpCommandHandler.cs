using System.Text;

namespace SpotifyLocal.Bot.Commands.Handlers;

/// <summary>/help: what the bot can do, one line per command.</summary>
public sealed class HelpCommandHandler : ICommandHandler<HelpCommand>
{
    public Task<BotReply> HandleAsync(HelpCommand command, CommandContext context, CancellationToken cancellationToken)
    {
        var text = new StringBuilder("SpotifyLocal remembers what you play on Spotify and shows it as charts.\n");
        text.Append("Start with /import and your Spotify data export (Spotify → Account → Privacy → Download your data), ")
            .Append("then try /top month artists.\n\n");
        foreach (var (_, usage, description) in CommandParser.Usages)
        {
            text.Append(usage).Append(" — ").Append(description).Append('\n');
        }

        return Task.FromResult(new BotReply(text.ToString().TrimEnd()) { Title = "SpotifyLocal" });
    }
}
