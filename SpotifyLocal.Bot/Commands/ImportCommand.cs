namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/import</c> with the export to read (null: nothing attached yet, so the handler explains how).</summary>
public sealed record ImportCommand(ImportFile? File) : BotCommand
{
    public override string Name => "import";

    public override bool IsExpensive => true;
}
