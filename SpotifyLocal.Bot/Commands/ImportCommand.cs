namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/import</c> with an export file the adapter already saved to <see cref="FilePath"/> (null: no file attached).</summary>
public sealed record ImportCommand(string? FilePath, string? FileName) : BotCommand
{
    public override string Name => "import";

    public override bool IsExpensive => true;
}
