using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/top [period] [tracks|artists|albums]</c>, optionally for another (opted-in) member.</summary>
public sealed record TopCommand(string Period, TopKind Kind, string? TargetChatUserId = null) : BotCommand
{
    public override string Name => "top";

    public override bool IsExpensive => true;
}
