using SpotifyLocal.Core.Storage;

namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/discoveries [period] [artists|tracks]</c>: what the caller first played in the period; the kind picks the chart.</summary>
public sealed record DiscoveriesCommand(string Period, TopKind Kind = TopKind.Artists) : BotCommand
{
    public override string Name => "discoveries";

    public override bool IsExpensive => true;

    /// <summary>The command text that reproduces this view (for buttons); fits Telegram's 64-byte callback data.</summary>
    public static string Text(string period, TopKind kind) => $"/discoveries {period} {kind.ToString().ToLowerInvariant()}";
}
