using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/server top [period] [type]</c>: the server's leaderboard among visible members, on demand.</summary>
public sealed record ServerTopCommand(string Period, TopKind Kind) : BotCommand
{
    public override string Name => "server top";

    public override bool IsExpensive => true;
}
