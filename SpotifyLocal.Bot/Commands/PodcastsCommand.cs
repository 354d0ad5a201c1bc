namespace SpotifyLocal.Bot.Commands;

/// <summary><c>/podcasts [period]</c>: the caller's top podcast shows and episodes (and audiobooks) by listening time.</summary>
public sealed record PodcastsCommand(string Period) : BotCommand
{
    public override string Name => "podcasts";

    public override bool IsExpensive => true;

    /// <summary>The command text that reproduces this view (for buttons).</summary>
    public static string Text(string period) => $"/podcasts {period}";
}
